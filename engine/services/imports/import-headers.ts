import { CUSTOMER_FIELDS } from '../../core/model/customer.schema';
import type { CustomerIntake } from '../customers/customer-input.schema';

/** A customer field an import column (or JSON key) can fill. */
export type ImportField = Exclude<keyof CustomerIntake, 'attributes'>;

export const IMPORT_FIELDS: readonly ImportField[] = [
  'name', 'company', 'phone', 'email', 'industry', 'province', 'city', 'size', 'source', 'language', 'productLine', 'estimatedValue', 'churnRisk', 'tags',
];

/**
 * Header names each field answers to, besides its English field name and its Chinese label
 * (CUSTOMER_FIELDS, which the CSV export writes). Compared case-, width- and spacing-insensitively.
 */
const EXTRA_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  name: ['customer', 'customer name', 'contact', '客户名称', '客户名', '客户', '姓名', '联系人'],
  company: ['company name', 'organization', '公司名称', '企业', '企业名称', '单位'],
  phone: ['mobile', 'tel', 'telephone', 'phone number', '手机', '手机号', '手机号码', '联系电话', '电话号码'],
  email: ['mail', 'e-mail', 'email address', '电子邮箱', '邮件', '电子邮件'],
  industry: ['所属行业'],
  province: ['region', '省', '地区'],
  city: ['市'],
  size: ['company size', '公司规模', '企业规模'],
  source: ['channel', 'lead source', '渠道', '客户来源', '线索来源'],
  language: ['lang'],
  productLine: ['product', 'product line', '产品', '意向产品'],
  estimatedValue: ['value', 'amount', 'deal value', 'estimated value', '金额', '预计成交金额', '预算'],
  churnRisk: ['churn risk'],
  tags: ['tag', 'labels'],
};

const fold = (h: string): string => h.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-.·]+/g, '');

const ALIASES: ReadonlyMap<string, ImportField> = (() => {
  const m = new Map<string, ImportField>();
  for (const f of IMPORT_FIELDS) {
    for (const alias of [f, CUSTOMER_FIELDS[f]?.zh ?? f, CUSTOMER_FIELDS[f]?.en ?? f, ...EXTRA_ALIASES[f]]) m.set(fold(alias), f);
  }
  return m;
})();

/** `attributes.key`, `attr:key`, `属性.key`, `属性：key` → a free attribute named key. */
const ATTRIBUTE_HEADER = /^\s*(?:attributes?|attr|属性)\s*[.:：]\s*(.+?)\s*$/i;

export type ColumnTarget = { kind: 'field'; field: ImportField } | { kind: 'attribute'; key: string } | { kind: 'ignored' };

/** What one header names. */
export function columnTarget(header: string): ColumnTarget {
  const clean = header.replace(/^\uFEFF/, '');
  const attr = ATTRIBUTE_HEADER.exec(clean);
  if (attr?.[1]) return { kind: 'attribute', key: attr[1] };
  const field = ALIASES.get(fold(clean));
  return field ? { kind: 'field', field } : { kind: 'ignored' };
}

export interface HeaderMapping {
  targets: ColumnTarget[];
  /** headers that fill nothing (reported on the job) */
  ignored: string[];
  /** problems that make the file unreadable: no name column, two columns for one field */
  problems: { column: number; header: string; code: 'NO_NAME_COLUMN' | 'DUPLICATE_COLUMN' }[];
}

export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const targets = headers.map(columnTarget);
  const problems: HeaderMapping['problems'] = [];
  const seen = new Map<string, number>();
  targets.forEach((t, i) => {
    if (t.kind === 'ignored') return;
    const key = t.kind === 'field' ? t.field : `attributes.${t.key}`;
    if (seen.has(key)) problems.push({ column: i + 1, header: headers[i] ?? '', code: 'DUPLICATE_COLUMN' });
    else seen.set(key, i);
  });
  if (!seen.has('name')) problems.push({ column: 0, header: '', code: 'NO_NAME_COLUMN' });
  const ignored = headers.filter((h, i) => targets[i]?.kind === 'ignored' && h.trim() !== '');
  return { targets, ignored, problems };
}
