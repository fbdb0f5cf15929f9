import { text, type LocalizedText } from '../common/localized';
import type { ReasonCode } from './assignment-decision.schema';

/** Short label of each reason code, for summaries and reports (a missing code fails to compile). */
export const REASON_LABELS: { readonly [K in ReasonCode]: LocalizedText } = {
  departed: text('已离职', 'departed'),
  onLeave: text('休假中', 'on leave'),
  outsideWorkingHours: text('非工作时间', 'outside working hours'),
  invalidWorkingHours: text('工作时间设置无效', 'invalid working hours'),
  atCapacity: text('已满额', 'at capacity'),
  atDailyCap: text('已达每日上限', 'at daily cap'),
  previousOwnerCooldown: text('前负责人冷却中', 'previous-owner cooldown'),
  excluded: text('被排除', 'excluded'),
  quotaNewHireReserved: text('新人保底', 'reserved for new hires'),
  quotaTopRepMax: text('头部销售已达上限', 'top-rep share at maximum'),
};
