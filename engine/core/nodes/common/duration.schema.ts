import { Type, type Static } from '@sinclair/typebox';
import type { Locale } from '../../common/localized';
import { Option, words } from './schema-helpers';

export const DurationUnitSchema = Type.Union(
  [Option('minutes', '分钟', 'Minutes'), Option('hours', '小时', 'Hours'), Option('days', '天', 'Days')],
  { default: 'hours', ...words({ zh: '单位', en: 'Unit' }) },
);
export type DurationUnit = Static<typeof DurationUnitSchema>;

/** A length of time: `{ amount: 24, unit: 'hours' }`. */
export const DurationSchema = (dflt: { amount: number; unit: DurationUnit }, zh: string, en: string, helpZh?: string, helpEn?: string) =>
  Type.Object(
    {
      amount: Type.Integer({ minimum: 1, maximum: 100_000, default: dflt.amount, ...words({ zh: '数量', en: 'Amount' }) }),
      unit: DurationUnitSchema,
    },
    {
      additionalProperties: false,
      default: dflt,
      'x-widget': 'duration',
      ...words({ zh, en, ...(helpZh !== undefined && helpEn !== undefined ? { helpZh, helpEn } : {}) }),
    },
  );
export type Duration = { amount: number; unit: DurationUnit };

export const UNIT_MS: Readonly<Record<DurationUnit, number>> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export function durationMs(d: Duration): number {
  return d.amount * UNIT_MS[d.unit];
}

const UNIT_WORDS: Readonly<Record<DurationUnit, { zh: string; en: [string, string] }>> = {
  minutes: { zh: '分钟', en: ['minute', 'minutes'] },
  hours: { zh: '小时', en: ['hour', 'hours'] },
  days: { zh: '天', en: ['day', 'days'] },
};

/** "24 hours" / "24 小时" */
export function formatDuration(d: Duration, locale: Locale): string {
  const w = UNIT_WORDS[d.unit];
  return locale === 'en' ? `${d.amount} ${d.amount === 1 ? w.en[0] : w.en[1]}` : `${d.amount} ${w.zh}`;
}
