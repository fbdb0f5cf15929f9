import { Types } from 'mongoose';
import type { CustomerRaw } from '../collections/customer.model';
import type { Prng } from './prng';
import {
  BRANDS, CITIES, EN_BRANDS, EN_FIRST, EN_LAST, INDUSTRIES, INDUSTRY_WORDS, PRODUCT_LINES, PROVINCES, SIZES, SOURCES, TAGS,
  VALUE_BY_SIZE, ZH_GIVEN, ZH_SURNAMES,
} from './demo-vocabulary.data';

const DAY = 86_400_000;

/** What the generator needs to know about a rep. */
export interface OwnerCandidate {
  id: Types.ObjectId;
  teamId: Types.ObjectId;
  status: 'active' | 'onLeave' | 'departed';
  regions: readonly string[];
  teamRegions: readonly string[];
  industries: readonly string[];
  capacity: number;
  weight: number;
  isManager: boolean;
}

export type DemoCustomer = Partial<CustomerRaw> & { _id: Types.ObjectId; name: string; status: CustomerRaw['status']; createdAt: Date };

interface Company { zh: boolean; name: string; domain: string; province: string; city: string; industry: string; size: string; ownerId?: Types.ObjectId }

const gradeOf = (score: number): string => (score >= 80 ? 'A' : score >= 60 ? 'B' : score >= 40 ? 'C' : 'D');
const SIZE_POINTS: Readonly<Record<string, number>> = { micro: 5, small: 15, medium: 30, large: 42, enterprise: 50 };
const SOURCE_POINTS: Readonly<Record<string, number>> = { referral: 20, exhibition: 15, partner: 12, website: 10, wechat: 8, ads: 6, coldCall: 0 };

function newCompany(rng: Prng, i: number): Company {
  const province = rng.weighted(PROVINCES);
  const city = rng.pick(CITIES[province] ?? [province]);
  const industry = rng.weighted(INDUSTRIES);
  const words = INDUSTRY_WORDS[industry] ?? { zh: ['科技'], en: ['Tech'] };
  const size = rng.weighted(SIZES);
  const english = rng.chance(province === '上海' || province === '广东' ? 0.3 : 0.15);
  if (english) {
    const brand = rng.pick(EN_BRANDS);
    const name = `${brand} ${rng.pick(words.en)} ${rng.pick(['Co., Ltd.', 'Ltd.', 'Inc.', 'Group'])}`;
    return { zh: false, name, domain: `${brand.toLowerCase().replace(/\s+/g, '')}${i}.com`, province, city, industry, size };
  }
  const [brand, roman] = rng.pick(BRANDS);
  const name = `${city}${brand}${rng.pick(words.zh)}${rng.pick(['有限公司', '股份有限公司', '集团有限公司'])}`;
  return { zh: true, name, domain: `${roman}${i}.cn`, province, city, industry, size };
}

function personName(rng: Prng, zh: boolean): { name: string; local: string } {
  if (zh && rng.chance(0.93)) {
    const given = rng.pick(ZH_GIVEN);
    return { name: `${rng.pick(ZH_SURNAMES)}${given}`, local: `contact${rng.int(10, 99)}` };
  }
  const first = rng.pick(EN_FIRST);
  const last = rng.pick(EN_LAST);
  return { name: `${first} ${last}`, local: `${first}.${last}`.toLowerCase() };
}

function pickOwner(rng: Prng, reps: readonly OwnerCandidate[], load: Map<string, number>, province: string, industry: string): OwnerCandidate | undefined {
  const open = reps.filter((r) => r.status !== 'departed' && (load.get(r.id.toHexString()) ?? 0) < r.capacity);
  const local = open.filter((r) => r.teamRegions.includes(province));
  const pool = local.length > 0 && rng.chance(0.85) ? local : open;
  const skilled = pool.filter((r) => r.industries.includes(industry) && !r.isManager);
  const choice = skilled.length > 0 && rng.chance(0.6) ? skilled : pool.filter((r) => !r.isManager || rng.chance(0.3));
  if (choice.length === 0) return pool[0];
  // busier reps are less likely, heavier ones more: loads end up roughly proportional to weight × capacity
  return rng.weighted(choice.map((r) => [r, r.weight * (1 - (load.get(r.id.toHexString()) ?? 0) / r.capacity)] as const));
}

/**
 * About `count` customers across industries, provinces, sizes and sources, with Chinese and English
 * names; some share a company (and then its owner). Owned customers respect each rep's capacity.
 */
export function generateDemoCustomers(
  rng: Prng,
  opts: { count: number; now: number; reps: readonly OwnerCandidate[]; poolId: Types.ObjectId; departedRepIds: readonly Types.ObjectId[] },
): DemoCustomer[] {
  const { now, reps } = opts;
  const load = new Map<string, number>();
  const companies: Company[] = [];
  const out: DemoCustomer[] = [];
  const previousCandidates = reps.filter((r) => r.status !== 'departed');
  for (let i = 0; i < opts.count; i++) {
    const reuse = companies.length > 20 && rng.chance(0.15);
    const company = reuse ? rng.pick(companies) : newCompany(rng, i);
    if (!reuse) companies.push(company);
    const person = personName(rng, company.zh);
    const source = rng.weighted(SOURCES);
    const [lo, hi] = VALUE_BY_SIZE[company.size] ?? [10_000, 50_000];
    const score = Math.max(0, Math.min(100, (SIZE_POINTS[company.size] ?? 10) + (SOURCE_POINTS[source] ?? 0) + rng.int(-5, 40)));
    const existing = rng.chance(0.2);
    const tags = rng.sample(TAGS, rng.int(0, 2)).filter((t) => existing || t !== '老客户');
    if (existing && !tags.includes('老客户')) tags.push('老客户');
    const createdAt = new Date(now - rng.int(1, 120) * DAY - rng.int(0, 23) * 3_600_000);
    const language = !company.zh || person.name.includes(' ') ? 'en' : company.province === '广东' && rng.chance(0.3) ? 'yue' : 'zh';
    const c: DemoCustomer = {
      _id: new Types.ObjectId(),
      name: person.name,
      company: company.name,
      phone: rng.chance(0.92) ? `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : undefined,
      email: rng.chance(0.65) ? `${person.local}@${company.domain}` : undefined,
      industry: company.industry,
      province: company.province,
      city: company.city,
      size: company.size as DemoCustomer['size'],
      source,
      language,
      productLine: rng.pick(PRODUCT_LINES),
      estimatedValue: Math.round(rng.int(lo, hi) / 1000) * 1000,
      churnRisk: existing ? Math.round(rng.next() * 100) / 100 : undefined,
      tags,
      score,
      grade: gradeOf(score),
      status: rng.weighted([['assigned', 55], ['new', 12], ['inPool', 17], ['won', 10], ['lost', 6]] as const),
      createdAt,
      attributes: rng.chance(0.3) ? [{ key: 'budgetConfirmed', value: rng.chance(0.5) }, { key: 'employees', value: rng.int(5, 20_000) }] : [],
    };
    const wantsOwner = c.status === 'assigned' || c.status === 'won' || c.status === 'lost';
    const companyOwner = reuse && company.ownerId ? reps.find((r) => r.id.equals(company.ownerId)) : undefined;
    const owner = wantsOwner
      ? companyOwner && companyOwner.status !== 'departed' && (load.get(companyOwner.id.toHexString()) ?? 0) < companyOwner.capacity
        ? companyOwner
        : pickOwner(rng, reps, load, company.province, company.industry)
      : undefined;
    if (wantsOwner && owner) {
      const assignedAt = new Date(Math.min(now - DAY, createdAt.getTime() + rng.int(0, 48) * 3_600_000));
      c.ownerId = owner.id;
      c.teamId = owner.teamId;
      c.assignedAt = assignedAt;
      c.protectedUntil = new Date(assignedAt.getTime() + 7 * DAY);
      company.ownerId ??= owner.id;
      if (rng.chance(0.85)) c.lastFollowUpAt = new Date(assignedAt.getTime() + rng.next() * (now - assignedAt.getTime()));
      if (c.status === 'assigned') {
        load.set(owner.id.toHexString(), (load.get(owner.id.toHexString()) ?? 0) + 1);
        c.lifecycle = { needsStart: true };
        if (company.size === 'enterprise' && rng.chance(0.4)) {
          const mate = reps.find((r) => r.teamId.equals(owner.teamId) && !r.id.equals(owner.id) && r.status === 'active');
          if (mate) c.collaboratorIds = [mate.id];
        }
      } else {
        c.closedAt = new Date(Math.min(now - 3_600_000, (c.lastFollowUpAt ?? assignedAt).getTime() + DAY));
      }
    } else if (wantsOwner) {
      c.status = 'new';
    }
    if (c.status === 'inPool') {
      c.poolId = opts.poolId;
      if (rng.chance(0.5)) {
        const releasedAt = new Date(now - rng.int(1, 40) * DAY);
        const prev = rng.chance(0.4) && opts.departedRepIds.length > 0 ? rng.pick(opts.departedRepIds) : rng.pick(previousCandidates).id;
        c.previousOwners = [{ repId: prev, releasedAt, cooldownUntil: new Date(releasedAt.getTime() + 30 * DAY) }];
      }
    }
    out.push(c);
  }
  return out;
}
