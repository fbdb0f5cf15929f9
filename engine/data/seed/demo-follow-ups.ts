import { Types } from 'mongoose';
import type { FollowUpRaw } from '../collections/follow-up.model';
import type { DemoCustomer } from './demo-customers';
import type { Prng } from './prng';

export type DemoFollowUp = Partial<FollowUpRaw> & { _id: Types.ObjectId; customerId: Types.ObjectId; repId: Types.ObjectId; at: Date };

const NOTES = {
  zh: ['电话沟通需求，客户关注实施周期', '已发送产品资料和报价单', '约了下周上门演示', '客户在比较竞品，需要案例', '决策人出差，下周再联系'],
  en: ['Call about requirements; implementation time is the concern', 'Sent the brochure and a quote', 'Demo on site booked for next week', 'Comparing with a competitor; wants references', 'Decision maker travelling; call again next week'],
} as const;
const NEXT = { zh: ['发送方案', '安排演示', '跟进报价', '约见决策人'], en: ['Send the proposal', 'Book a demo', 'Follow up on the quote', 'Meet the decision maker'] } as const;

/**
 * One to three follow-ups for each owned customer with a last follow-up, the last one at
 * `lastFollowUpAt` (won and lost deals end with that outcome).
 */
export function generateDemoFollowUps(rng: Prng, customers: readonly DemoCustomer[]): DemoFollowUp[] {
  const out: DemoFollowUp[] = [];
  for (const c of customers) {
    if (!c.ownerId || !c.assignedAt || !c.lastFollowUpAt) continue;
    const n = rng.int(1, 3);
    const start = c.assignedAt.getTime();
    const last = c.lastFollowUpAt.getTime();
    const words = c.language === 'en' ? 'en' : 'zh';
    for (let k = 0; k < n; k++) {
      const isLast = k === n - 1;
      const at = isLast ? last : start + ((last - start) * (k + 1)) / (n + 1);
      const outcome: DemoFollowUp['outcome'] =
        isLast && c.status === 'won' ? 'won'
        : isLast && c.status === 'lost' ? 'lost'
        : rng.weighted([['contacted', 4], ['noAnswer', 2], ['interested', 3], ['meetingScheduled', 2], ['quoted', 1]] as const);
      out.push({
        _id: new Types.ObjectId(),
        customerId: c._id,
        repId: c.ownerId,
        at: new Date(Math.round(at)),
        channel: rng.weighted([['phone', 5], ['wechat', 5], ['email', 2], ['visit', 1], ['meeting', 1]] as const),
        note: rng.pick(NOTES[words]),
        outcome,
        nextStep: outcome === 'won' || outcome === 'lost' ? undefined : rng.pick(NEXT[words]),
      });
    }
  }
  return out;
}
