import { text, type LocalizedText } from '../../common/localized';
import type { Customer } from '../../model/customer.schema';
import { CUSTOMER_FIELDS } from '../../model/customer.schema';
import type { ParamIssue } from '../node-definition';
import { readCustomerField } from './customer-field';

/** `{{ customer.name }}`, `{{customer.attributes.budget}}`, `{{owner.name}}` … (linear-time pattern) */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]{1,80})\s*\}\}/g;

export interface TemplateVars {
  customer: Customer;
  now: number;
  owner?: { id: string; name: string };
}

function formatValue(field: string, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'number' && CUSTOMER_FIELDS[field]?.type === 'date' && Number.isFinite(v)) return new Date(v).toISOString().slice(0, 10);
  return String(v);
}

function resolve(path: string, vars: TemplateVars): string {
  if (path.startsWith('customer.')) {
    const field = path.slice(9);
    return formatValue(field, readCustomerField(vars.customer, field, vars.now));
  }
  if (path === 'owner.name') return vars.owner?.name ?? vars.customer.ownerId ?? '';
  if (path === 'owner.id') return vars.owner?.id ?? vars.customer.ownerId ?? '';
  return '';
}

/** Fills the placeholders of a message in both languages. Unknown placeholders become empty. */
export function renderMessage(message: LocalizedText, vars: TemplateVars): LocalizedText {
  const fill = (s: string) => (s.includes('{{') ? s.replace(PLACEHOLDER, (_m, path: string) => resolve(path, vars)) : s);
  return text(fill(message['zh-CN']), fill(message.en));
}

const KNOWN_ROOTS = ['customer.', 'owner.name', 'owner.id'];

/** Issues for placeholders that name nothing known (`{{custmer.name}}`), pointing at the message language. */
export function checkMessage(message: LocalizedText, pointer: string): ParamIssue[] {
  const issues: ParamIssue[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const m of message[lang].matchAll(PLACEHOLDER)) {
      const path = m[1] ?? '';
      const ok = KNOWN_ROOTS.some((r) => (r.endsWith('.') ? path.startsWith(r) && path.length > r.length : path === r));
      if (!ok) {
        issues.push({
          code: 'FLOW_UNKNOWN_PLACEHOLDER',
          pointer: `${pointer}/${lang === 'en' ? 'en' : 'zh-CN'}`,
          message: text(
            `占位符 {{${path}}} 无法识别：请使用 {{customer.字段}}、{{owner.name}} 或 {{owner.id}}。`,
            `Placeholder {{${path}}} is not known: use {{customer.<field>}}, {{owner.name}} or {{owner.id}}.`,
          ),
        });
      }
    }
  }
  return issues;
}

/** The customer fields a message's placeholders read, as field references. */
export function messageFieldRefs(message: LocalizedText, pointer: string): Array<{ kind: 'field'; name: string; pointer: string }> {
  const out: Array<{ kind: 'field'; name: string; pointer: string }> = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const m of message[lang].matchAll(PLACEHOLDER)) {
      const path = m[1] ?? '';
      if (path.startsWith('customer.') && path.length > 9) out.push({ kind: 'field', name: path.slice(9), pointer: `${pointer}/${lang}` });
    }
  }
  return out;
}
