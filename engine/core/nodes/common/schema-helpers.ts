import { Type, type TSchema } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';

/**
 * Form annotations the designer reads: `title`/`description` (English, plain JSON Schema), and
 * `x-label`/`x-description` in both languages. `x-ref` marks a value that names a team, rep, pool or field.
 */
export interface FieldWords {
  zh: string;
  en: string;
  helpZh?: string;
  helpEn?: string;
}

export function words(w: FieldWords): Record<string, unknown> {
  const out: Record<string, unknown> = { title: w.en, 'x-label': text(w.zh, w.en) };
  if (w.helpEn !== undefined && w.helpZh !== undefined) {
    out.description = w.helpEn;
    out['x-description'] = text(w.helpZh, w.helpEn);
  }
  return out;
}

export type RefKind = 'team' | 'rep' | 'pool' | 'field';

/** A short identifier string (ids of teams, reps, pools; field names). */
export const IdString = (ref?: RefKind, extra: Record<string, unknown> = {}) =>
  Type.String({ minLength: 1, maxLength: 100, ...(ref ? { 'x-ref': ref } : {}), ...extra });

/** A message in both languages, with a default in both; `{{customer.name}}` style placeholders allowed. */
export const LocalizedParam = (dflt: LocalizedText, w: FieldWords) =>
  Type.Object(
    {
      'zh-CN': Type.String({ maxLength: 2000, title: '中文', 'x-label': text('中文', 'Chinese') }),
      en: Type.String({ maxLength: 2000, title: 'English', 'x-label': text('英文', 'English') }),
    },
    { additionalProperties: false, default: dflt, 'x-widget': 'localizedText', ...words(w) },
  );

/** A literal option with its words, for `Type.Union` enums the designer renders as a select. */
export const Option = <V extends string>(value: V, zh: string, en: string) =>
  Type.Literal(value, { title: en, 'x-label': text(zh, en) });

export const withWords = <S extends TSchema>(schema: S, w: FieldWords): S => ({ ...schema, ...words(w) });
