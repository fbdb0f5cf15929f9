import type { Locale, LocalizedText } from '../../../core/common/localized';
import { isWebhookEvent, WEBHOOK_EVENTS } from './webhook-events';

/** What a delivery carries (stored as its payload; the generic body is exactly this). */
export interface DeliveryPayload {
  /** the delivery id (also X-Allot-Delivery) */
  id: string;
  event: string;
  /** ISO time the event happened */
  occurredAt: string;
  data: Record<string, unknown>;
  message?: { title: LocalizedText; body: LocalizedText };
}

/** WeCom caps markdown content at 4096 bytes (UTF-8); DingTalk messages are kept to the same. */
export const ROBOT_MAX_BYTES = 4096;

/** Keeps event data from forging mentions (<@all>) or markup in a group chat. */
const neutral = (s: string) => s.replace(/</g, '＜').replace(/>/g, '＞');

function cutBytes(s: string, max: number): string {
  if (Buffer.byteLength(s, 'utf8') <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > max - 3) break;
    out += ch;
    bytes += b;
  }
  return `${out}…`;
}

const FACT_WORDS: Record<string, LocalizedText> = {
  customerName: { 'zh-CN': '客户', en: 'Customer' },
  ownerName: { 'zh-CN': '负责人', en: 'Owner' },
  previousOwnerName: { 'zh-CN': '原负责人', en: 'Previous owner' },
  poolName: { 'zh-CN': '公海', en: 'Pool' },
  grade: { 'zh-CN': '等级', en: 'Grade' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
};

/** Title and lines of a robot message: the emitter's message, or the event's name and its main facts. */
export function robotText(p: DeliveryPayload, locale: Locale): { title: string; lines: string[] } {
  const label = isWebhookEvent(p.event) ? WEBHOOK_EVENTS[p.event][locale] : p.event;
  if (p.message) return { title: neutral(p.message.title[locale]), lines: [neutral(p.message.body[locale])] };
  const lines: string[] = [];
  for (const [key, words] of Object.entries(FACT_WORDS)) {
    const v = p.data[key];
    if (typeof v === 'string' || typeof v === 'number') lines.push(`${words[locale]}: ${neutral(String(v))}`);
  }
  return { title: neutral(label), lines };
}

/** WeCom group robot (企业微信群机器人) markdown message. */
export function wecomBody(p: DeliveryPayload, locale: Locale): string {
  const { title, lines } = robotText(p, locale);
  const content = [`**${title}**`, ...lines, `<font color="comment">${p.event}</font>`].join('\n');
  return JSON.stringify({ msgtype: 'markdown', markdown: { content: cutBytes(content, ROBOT_MAX_BYTES) } });
}

/** DingTalk custom robot (钉钉自定义机器人) markdown message; the title is what the notification preview shows. */
export function dingtalkBody(p: DeliveryPayload, locale: Locale): string {
  const { title, lines } = robotText(p, locale);
  const textBody = [`#### ${title}`, ...lines.map((l) => `${l}  `), `> ${p.event}`].join('\n\n');
  return JSON.stringify({ msgtype: 'markdown', markdown: { title: cutBytes(title, 200), text: cutBytes(textBody, ROBOT_MAX_BYTES) } });
}
