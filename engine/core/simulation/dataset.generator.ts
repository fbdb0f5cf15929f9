import type { Customer } from '../model/customer.schema';
import type { Rep } from '../model/rep.schema';
import type { PoolRef, TeamRef } from '../nodes/node-definition';
import { seededRandom } from './seeded-random';

/**
 * Reproducible synthetic datasets (seeded) for the benchmark, the simulation tests and demos:
 * customers spread over industries, provinces, sizes, sources and values; reps spread over teams with skills.
 */
export const INDUSTRIES = ['manufacturing', 'retail', 'finance', 'healthcare', 'education', 'software', 'logistics', 'energy'] as const;
export const PROVINCES = ['北京', '上海', '广东', '浙江', '江苏', '四川', '湖北', '山东', '福建', '河南'] as const;
export const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export const SOURCES = ['web', 'ads', 'referral', 'event', 'import', 'partner'] as const;
export const LANGUAGES = ['zh', 'en'] as const;
export const PRODUCT_LINES = ['crm', 'erp', 'hr', 'analytics'] as const;

const DAY = 86_400_000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

export interface GeneratedCustomersOptions {
  count: number;
  seed: number;
  /** customers are created during the `spreadDays` days before `now` */
  now: number;
  spreadDays?: number;
}

export function generateCustomers(opts: GeneratedCustomersOptions): Customer[] {
  const rnd = seededRandom(opts.seed);
  const spread = (opts.spreadDays ?? 30) * DAY;
  const out: Customer[] = new Array(opts.count);
  for (let i = 0; i < opts.count; i++) {
    const size = rnd.pick(SIZES);
    const sizeFactor = SIZES.indexOf(size) + 1;
    const c: Customer = {
      id: `c${i + 1}`,
      name: `${rnd.pick(SURNAMES)}客户${i + 1}`,
      company: `公司${rnd.int(1, Math.max(1, Math.floor(opts.count / 3)))}`,
      phone: `13${String(rnd.int(0, 999_999_999)).padStart(9, '0')}`,
      industry: rnd.pick(INDUSTRIES),
      province: rnd.pick(PROVINCES),
      size,
      source: rnd.pick(SOURCES),
      language: rnd.chance(0.85) ? 'zh' : 'en',
      productLine: rnd.pick(PRODUCT_LINES),
      estimatedValue: Math.round(rnd.next() * 200_000 * sizeFactor),
      churnRisk: Math.round(rnd.next() * 100) / 100,
      tags: rnd.chance(0.2) ? ['vip'] : [],
      status: 'new',
      collaboratorIds: [],
      previousOwners: [],
      createdAt: opts.now - Math.floor(rnd.next() * spread),
      attributes: { employees: sizeFactor * rnd.int(5, 200), existingAccount: rnd.chance(0.3) },
    };
    out[i] = c;
  }
  return out;
}

export interface GeneratedRepsOptions {
  count: number;
  seed: number;
  teams?: number;
  /** open-customer capacity per rep (default large enough for a 100k run over 50 reps) */
  capacity?: number;
  dailyCap?: number;
}

export interface GeneratedOrg {
  reps: Rep[];
  teams: TeamRef[];
  pools: PoolRef[];
}

export function generateOrg(opts: GeneratedRepsOptions): GeneratedOrg {
  const rnd = seededRandom(opts.seed);
  const teamCount = Math.max(1, opts.teams ?? 5);
  const teams: TeamRef[] = [];
  for (let t = 0; t < teamCount; t++) teams.push({ id: `team${t + 1}`, name: `Team ${t + 1}` });
  const reps: Rep[] = [];
  for (let i = 0; i < opts.count; i++) {
    const team = teams[i % teamCount] as TeamRef;
    const isManager = i < teamCount;
    if (isManager) team.managerRepId = `r${i + 1}`;
    const level = isManager ? 5 : rnd.int(1, 4);
    const industries = [rnd.pick(INDUSTRIES), rnd.pick(INDUSTRIES)].filter((v, k, a) => a.indexOf(v) === k);
    reps.push({
      id: `r${i + 1}`,
      name: `${rnd.pick(SURNAMES)}销售${i + 1}`,
      teamId: team.id,
      status: 'active',
      industries,
      regions: [rnd.pick(PROVINCES), rnd.pick(PROVINCES)].filter((v, k, a) => a.indexOf(v) === k),
      languages: rnd.chance(0.4) ? ['zh', 'en'] : ['zh'],
      productLines: [rnd.pick(PRODUCT_LINES)],
      level,
      weight: rnd.int(1, 3),
      capacity: opts.capacity ?? 100_000,
      dailyCap: opts.dailyCap ?? 100_000,
      isNewHire: level === 1,
      isTopRep: level >= 4,
      isManager,
      stats: {
        winRateByIndustry: Object.fromEntries(industries.map((ind) => [ind, Math.round(rnd.next() * 60) / 100])),
        avgDealValue: rnd.int(20_000, 400_000),
        medianFirstResponseHours: rnd.int(1, 30),
        escalationShare: Math.round(rnd.next() * 20) / 100,
      },
    });
  }
  return { reps, teams, pools: [{ id: 'pool-main', name: '公海' }] };
}
