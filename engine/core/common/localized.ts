import { Type, type Static } from '@sinclair/typebox';

/** Text shown to people, always in both UI languages. */
export const LocalizedTextSchema = Type.Object(
  { 'zh-CN': Type.String(), en: Type.String() },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedTextSchema>;
export type Locale = keyof LocalizedText;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** Picks the wording for an Accept-Language style preference; zh-CN when Chinese is asked for. */
export function pickLocale(preference: string | undefined | null): Locale {
  if (!preference) return 'zh-CN';
  const first = preference.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
