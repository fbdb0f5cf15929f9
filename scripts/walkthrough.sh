#!/usr/bin/env bash
# The README's "try it with curl" walkthrough, runnable: with `npm start` running, it logs in as the
# demo admin, installs the tiered-by-value template bound to the demo teams, publishes and activates
# it, imports a CSV of 1,000 customers and shows how they were assigned, with a reason for each.
#   bash scripts/walkthrough.sh            (BASE=http://127.0.0.1:3000 by default)
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:3000}
# json EXPR: evaluate EXPR on the JSON from stdin (`.a.b` is short for `v.a.b`)
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);const e=process.argv[1];const r=eval(e.startsWith('.')?'v'+e:e);console.log(typeof r==='string'?r:JSON.stringify(r,null,1))})" "$1"; }
say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

say "1. log in as the demo admin"
TOKEN=$(curl -sf -X POST "$BASE/api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@allot.demo","password":"allot-demo"}' | json '.token')
AUTH="authorization: Bearer $TOKEN"
echo "token ${TOKEN:0:16}…"

say "2. the demo teams (for the template's team placeholders senior / core / rookies)"
REFS=$(curl -sf "$BASE/api/org/refs" -H "$AUTH")
echo "$REFS" | json '.teams.map(t=>t.id+"  "+t.name).join("\n")'
EAST=$(echo "$REFS" | json '.teams[0].id'); SOUTH=$(echo "$REFS" | json '.teams[1].id'); GROWTH=$(echo "$REFS" | json '.teams[2].id')

say "3. install the tiered-by-value template as a draft (A → seniors by skill match, B → round robin, C → new hires)"
FLOW=$(curl -sf -X POST "$BASE/api/templates/tiered-by-value/install" -H "$AUTH" -H 'content-type: application/json' \
  -d "{\"name\":\"按价值分层（演示）\",\"bindings\":{\"team\":{\"senior\":\"$EAST\",\"core\":\"$SOUTH\",\"rookies\":\"$GROWTH\"}}}" | json '.flow.id')
echo "draft $FLOW"

say "4. publish it (validated against the organisation) and activate it for new customers"
VERSION=$(curl -sf -X POST "$BASE/api/flows/$FLOW/publish" -H "$AUTH" -H 'content-type: application/json' \
  -d '{"note":"walkthrough v1"}' | json '.id')
curl -sf -X POST "$BASE/api/flow-versions/$VERSION/activate" -H "$AUTH" | json '`version ${v.version} active for trigger ${v.trigger}`'

say "5. import a CSV of 1,000 customers"
CSV=$(mktemp --suffix=.csv)
node -e "
const ind=['manufacturing','retail','software','finance','logistics','healthcare','education'];
const prov=['浙江','广东','上海','北京','四川','江苏'];
const src=['web','referral','ads','expo','web'];
console.log('名称,公司,电话,行业,省份,规模,来源,预计金额,标签');
for (let i=0;i<1000;i++) console.log(['客户'+i,'演示公司'+i,'137'+String(20000000+i).slice(-8),ind[i%7],prov[(i*7)%6],['small','medium','large','enterprise'][i%4],src[(i*3)%5],[8000,60000,300000,900000][(i*5)%4],i%9===0?'vip':''].join(','));
" > "$CSV"
JOB=$(curl -sf -X POST "$BASE/api/customers/import" -H "$AUTH" -H 'content-type: text/csv' --data-binary "@$CSV" | json '.jobId')
echo "job $JOB"
while :; do
  J=$(curl -sf "$BASE/api/jobs/$JOB" -H "$AUTH")
  printf '\r  %s' "$(echo "$J" | json '`${v.status} ${v.processed}/${v.total ?? "?"} imported ${v.counts.imported} (assigned ${v.counts.assigned}, pool ${v.counts.pooled}) duplicate ${v.counts.duplicate} rejected ${v.counts.rejected}`')"
  case "$(echo "$J" | json '.status')" in succeeded|failed) break ;; esac
  sleep 1
done
echo

say "6. how they were assigned: owners by grade, and one customer's reason"
curl -sf "$BASE/api/customers?limit=200&status=assigned" -H "$AUTH" | json '.items.filter(c=>c.name.startsWith("客户")).reduce((m,c)=>{const k="grade "+(c.grade??"-")+" → "+c.ownerName;m[k]=(m[k]??0)+1;return m},{})'
echo "(the rest went to the public pool once the reps' daily caps and capacities were reached — the flow's 'none' branch)"
ONE=$(curl -sf "$BASE/api/customers?limit=1&status=assigned&grade=A" -H "$AUTH" | json '.items[0].id')
DETAIL=$(curl -sf "$BASE/api/customers/$ONE" -H "$AUTH")
echo "$DETAIL" | json '`${v.customer.name} (grade ${v.customer.grade}, score ${v.customer.score}) → ${v.customer.ownerName}`'
echo "$DETAIL" | json '"  " + v.assignmentHistory[0].why["zh-CN"]'
echo "$DETAIL" | json '"  " + v.assignmentHistory[0].why.en'
rm -f "$CSV"
