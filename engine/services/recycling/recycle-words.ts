import { text, type LocalizedText } from '../../core/common/localized';
import type { RecycleReason } from '../../../workflows/lifecycle/recycle-plan';

export { recycleReasonText } from '../../../workflows/lifecycle/recycle-plan';

/** Dates in messages: the day in China time (the product's home time zone) and in UTC for English. */
const dayZh = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
const dayEn = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function recycleWarningText(customerName: string, reason: RecycleReason, days: number, recycleAt: number): LocalizedText {
  return reason === 'noFollowUp'
    ? text(
        `客户「${customerName}」${days} 天内没有跟进将被回收到公海，回收日期 ${dayZh(recycleAt)}，请尽快跟进`,
        `${customerName} goes back to the pool on ${dayEn(recycleAt)} without a follow-up (rule: ${days} days); follow up now to keep it`,
      )
    : text(
        `客户「${customerName}」分配已久未成交，将于 ${dayZh(recycleAt)} 回收到公海（规则：${days} 天）`,
        `${customerName} has had no deal for a long time and goes back to the pool on ${dayEn(recycleAt)} (rule: ${days} days)`,
      );
}

export function reclaimedText(customerName: string, reason: LocalizedText): LocalizedText {
  return text(`客户「${customerName}」已回收到公海：${reason['zh-CN']}`, `${customerName} went back to the pool: ${reason.en}`);
}
