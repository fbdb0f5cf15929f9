import { CUSTOMER_FIELDS } from '../../core/model/customer.schema';
import type { CustomerViewT } from './customer.schemas';

/**
 * The CSV columns of a customer (export), with their headers in each language. The English header is
 * the field name, the Chinese one the field's label, so an exported file imports back as it is
 * (engine/services/imports/import-headers.ts accepts both).
 */
export interface CsvColumn {
  key: string;
  zh: string;
  en: string;
  value(c: CustomerViewT): unknown;
}

const field = (key: keyof CustomerViewT & keyof typeof CUSTOMER_FIELDS): CsvColumn => {
  const label = CUSTOMER_FIELDS[key];
  return { key, zh: label?.zh ?? key, en: key, value: (c) => c[key] };
};

export const CUSTOMER_CSV_COLUMNS: readonly CsvColumn[] = [
  { key: 'id', zh: '客户ID', en: 'id', value: (c) => c.id },
  field('name'),
  field('company'),
  field('phone'),
  field('email'),
  field('industry'),
  field('province'),
  field('city'),
  field('size'),
  field('source'),
  field('language'),
  field('productLine'),
  field('estimatedValue'),
  field('churnRisk'),
  { key: 'tags', zh: CUSTOMER_FIELDS.tags?.zh ?? '标签', en: 'tags', value: (c) => c.tags.join(';') },
  field('score'),
  field('grade'),
  field('status'),
  { key: 'ownerName', zh: '负责人', en: 'ownerName', value: (c) => c.ownerName },
  field('ownerId'),
  field('teamId'),
  field('createdAt'),
  field('assignedAt'),
  field('lastFollowUpAt'),
  { key: 'closedAt', zh: '成交/关闭时间', en: 'closedAt', value: (c) => c.closedAt },
  { key: 'overdue', zh: '超时未跟进', en: 'overdue', value: (c) => (c.overdue ? 'true' : 'false') },
];
