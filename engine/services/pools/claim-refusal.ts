import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';

/**
 * Why a claim was refused: one stable code per pool rule, a sentence in both languages, and a
 * detail whose path names the rule (`/rules/claimsPerRepPerDay`, …).
 */
export const CLAIM_CODES = [
  'CLAIM_NOT_VISIBLE', 'CLAIM_NOT_IN_POOL', 'CLAIM_COOLDOWN', 'CLAIM_DAILY_LIMIT', 'CLAIM_MAX_HELD', 'CLAIM_REP_INACTIVE',
  'CLAIM_FOR_OTHER_FORBIDDEN', 'CLAIM_REP_REQUIRED',
] as const;
export type ClaimCode = (typeof CLAIM_CODES)[number];

function refuse(status: number, code: ClaimCode, rule: string, zh: string, en: string): ApiError {
  const t = text(zh, en);
  return new ApiError(status, code, t, [{ path: rule, message: t }]);
}

const day = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export const claimRefusal = {
  notVisible: (poolName: string) =>
    refuse(403, 'CLAIM_NOT_VISIBLE', '/rules/visibleTeamIds', `公海「${poolName}」对该销售所在团队不可见`, `Pool "${poolName}" is not visible to the rep’s team`),
  /** 409 when it was in this pool and someone got there first; 404 when it never was (nothing to see) */
  notInPool: (lostRace: boolean) =>
    refuse(
      lostRace ? 409 : 404,
      'CLAIM_NOT_IN_POOL',
      '/customer/status',
      lostRace ? '该客户已不在此公海中（可能刚被他人领取）' : '此公海中没有这个客户',
      lostRace ? 'The customer is no longer in this pool (someone may have just claimed it)' : 'This pool has no such customer',
    ),
  cooldown: (until: Date, days: number) =>
    refuse(
      409,
      'CLAIM_COOLDOWN',
      '/rules/previousOwnerCooldownDays',
      `你曾是该客户的负责人，冷却期（${days} 天）至 ${day(until)} 结束，之前不能领回`,
      `You owned this customer before; the previous-owner cooldown (${days} days) lasts until ${day(until)}`,
    ),
  dailyLimit: (limit: number) =>
    refuse(
      409,
      'CLAIM_DAILY_LIMIT',
      '/rules/claimsPerRepPerDay',
      `今天已从该公海领取 ${limit} 个客户，达到每日上限`,
      `Already ${limit} claims from this pool today: the daily limit is reached`,
    ),
  maxHeld: (held: number, limit: number) =>
    refuse(
      409,
      'CLAIM_MAX_HELD',
      '/rules/maxHeldPerRep',
      `在跟客户已有 ${held} 个，达到该公海的持有上限 ${limit}`,
      `Already holding ${held} open customers: this pool’s limit is ${limit}`,
    ),
  repInactive: (repName: string) =>
    refuse(409, 'CLAIM_REP_INACTIVE', '/rep/status', `${repName} 不在岗（请假或离职），不能领取`, `${repName} is on leave or has left, and cannot claim`),
  forOther: () =>
    refuse(403, 'CLAIM_FOR_OTHER_FORBIDDEN', '/body/repId', '销售只能为自己领取客户', 'A rep can claim only for themselves'),
  repRequired: () =>
    refuse(400, 'CLAIM_REP_REQUIRED', '/body/repId', '请用 repId 指定由哪位销售领取', 'Say which rep claims with repId'),
};
