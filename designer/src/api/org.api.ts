import type { FactsViewT, OrgRefsViewT } from '../../../engine/services/flows/catalog.schemas';
import { api } from './http-client';

/** The organisation's teams, reps and pools (GET /api/org/refs) and custom attribute keys (GET /api/facts), for pickers and validation. */
export type OrgRefs = OrgRefsViewT & {
  /** custom attribute facts in use, `attributes.<key>` */
  fields: string[];
};
export type RefItem = { id: string; name: string; nameEn?: string | null };

export const orgApi = {
  async load(): Promise<OrgRefs> {
    const [refs, facts] = await Promise.all([api<OrgRefsViewT>('GET', '/api/org/refs'), api<FactsViewT>('GET', '/api/facts')]);
    return { ...refs, fields: facts.facts.filter((f) => f.scope === 'attribute').map((f) => f.name) };
  },
};

/** The name in the UI language (English names fall back to the Chinese ones). */
export function refName(item: RefItem | undefined, locale: 'zh-CN' | 'en'): string | undefined {
  if (!item) return undefined;
  return locale === 'en' && item.nameEn ? item.nameEn : item.name;
}
