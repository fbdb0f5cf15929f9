import { text, type LocalizedText } from '../common/localized';
import { CUSTOMER_FIELDS, type FieldType } from '../model/customer.schema';
import type { Rep, RepLoad } from '../model/rep.schema';
import { isDerivedDayFact } from './derived-days';
import { parseFactName } from './fact-name';

/** A fact's type for operator lists: a field type, or `any` for free-form attributes (string, number or boolean). */
export type FactType = FieldType | 'any';
export type FactScope = 'customer' | 'derived' | 'attribute' | 'rep' | 'load';

export interface FactInfo {
  name: string;
  type: FactType;
  scope: FactScope;
  labels: LocalizedText;
}

type FieldEntry = { type: FieldType; zh: string; en: string };

/** Rep fields a rep filter may test (checked against the Rep type, so a renamed field fails to compile). */
const REP_FIELDS = {
  id: { type: 'string', zh: '销售', en: 'Rep' },
  name: { type: 'string', zh: '销售姓名', en: 'Rep name' },
  teamId: { type: 'string', zh: '销售团队', en: 'Rep team' },
  status: { type: 'string', zh: '销售状态', en: 'Rep status' },
  industries: { type: 'stringArray', zh: '擅长行业', en: 'Rep industries' },
  regions: { type: 'stringArray', zh: '负责区域', en: 'Rep regions' },
  languages: { type: 'stringArray', zh: '语言', en: 'Rep languages' },
  productLines: { type: 'stringArray', zh: '产品线', en: 'Rep product lines' },
  level: { type: 'number', zh: '职级', en: 'Rep level' },
  weight: { type: 'number', zh: '权重', en: 'Rep weight' },
  capacity: { type: 'number', zh: '容量', en: 'Rep capacity' },
  dailyCap: { type: 'number', zh: '每日上限', en: 'Rep daily cap' },
  isNewHire: { type: 'boolean', zh: '是否新人', en: 'Is new hire' },
  isTopRep: { type: 'boolean', zh: '是否明星销售', en: 'Is top rep' },
  isManager: { type: 'boolean', zh: '是否主管', en: 'Is manager' },
  leaveFrom: { type: 'date', zh: '休假开始', en: 'Leave from' },
  leaveTo: { type: 'date', zh: '休假结束', en: 'Leave to' },
} as const satisfies { [K in keyof Rep]?: FieldEntry };

const LOAD_FIELDS = {
  openCount: { type: 'number', zh: '在跟客户数', en: 'Open customers' },
  todayCount: { type: 'number', zh: '今日已分配', en: 'Assigned today' },
} as const satisfies { [K in keyof RepLoad]?: FieldEntry };

function entries(prefix: string, scopeOf: (key: string) => FactScope, fields: Readonly<Record<string, FieldEntry>>): FactInfo[] {
  return Object.entries(fields).map(([key, f]) => ({
    name: prefix + key,
    type: f.type,
    scope: scopeOf(key),
    labels: text(f.zh, f.en),
  }));
}

/**
 * Every named fact a condition may use, with its type and labels: customer fields (bare names, as in
 * CUSTOMER_FIELDS; `customer.<field>` is an alias), derived day counts, `rep.<field>` and `load.<field>`.
 * `attributes.<key>` facts are open-ended; describeFact answers for them.
 */
export const FACT_CATALOG: readonly FactInfo[] = [
  ...entries('', (k) => (isDerivedDayFact(k) ? 'derived' : 'customer'), CUSTOMER_FIELDS),
  ...entries('rep.', () => 'rep', REP_FIELDS),
  ...entries('load.', () => 'load', LOAD_FIELDS),
];

const BY_NAME = new Map(FACT_CATALOG.map((f) => [f.name, f]));

/** The catalog entry for a fact name (aliases and attribute keys included); undefined when unknown or invalid. */
export function describeFact(name: string): FactInfo | undefined {
  const parsed = parseFactName(name);
  if (!parsed.ok) return undefined;
  const s = parsed.source;
  if (s.scope === 'attribute') {
    return { name, type: 'any', scope: 'attribute', labels: text(`自定义属性 ${s.key}`, `Attribute ${s.key}`) };
  }
  const canonical = name.startsWith('customer.') ? name.slice('customer.'.length) : name;
  const hit = BY_NAME.get(canonical);
  return hit ? { ...hit, name } : undefined;
}

/** Whether a fact name refers to a catalogued fact (the flow validator's reference check). */
export function isKnownFact(name: string): boolean {
  return describeFact(name) !== undefined;
}
