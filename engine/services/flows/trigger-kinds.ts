import { text, type LocalizedText } from '../../core/common/localized';
import type { FlowKind } from '../../core/nodes/node-definition';
import { TRIGGER_EVENTS, TRIGGER_EVENT_WORDS, type TriggerEvent } from '../../core/nodes/trigger/trigger-event.schema';

/**
 * Which kind of flow each trigger runs: customer events and a rep's departure pick an owner (allocation);
 * `customerAssigned` starts the ownership's lifecycle (follow-up); a schedule may run either.
 * Activation refuses a version whose kind does not fit its trigger; validation names the mismatch.
 */
export const TRIGGER_KINDS: Readonly<Record<TriggerEvent, readonly FlowKind[]>> = {
  customerCreated: ['allocation'],
  customerImported: ['allocation'],
  customerReclaimed: ['allocation'],
  customerUpdated: ['allocation'],
  repDeparted: ['allocation'],
  customerAssigned: ['followUp'],
  schedule: ['allocation', 'followUp'],
};

/** the validation error code of a kind that does not fit its trigger */
export const TRIGGER_KIND_MISMATCH = 'FLOW_TRIGGER_KIND_MISMATCH';

export const isTriggerEvent = (v: unknown): v is TriggerEvent => typeof v === 'string' && (TRIGGER_EVENTS as readonly string[]).includes(v);
export const isFlowKind = (v: unknown): v is FlowKind => v === 'allocation' || v === 'followUp';

const KIND_WORDS: Readonly<Record<FlowKind, LocalizedText>> = {
  allocation: text('分配流程', 'an allocation flow'),
  followUp: text('跟进流程', 'a follow-up flow'),
};

/** undefined when `kind` may run on `trigger`; else a sentence saying which kinds may. */
export function triggerKindProblem(trigger: unknown, kind: unknown): LocalizedText | undefined {
  if (!isTriggerEvent(trigger) || !isFlowKind(kind)) return undefined;
  const allowed = TRIGGER_KINDS[trigger];
  if (allowed.includes(kind)) return undefined;
  const words = TRIGGER_EVENT_WORDS[trigger];
  return text(
    `“${words['zh-CN']}”触发的只能是${allowed.map((k) => KIND_WORDS[k]['zh-CN']).join('或')}；请更换触发事件或流程类型。`,
    `"${words.en}" runs ${allowed.map((k) => KIND_WORDS[k].en).join(' or ')} only; change the trigger or the flow kind.`,
  );
}
