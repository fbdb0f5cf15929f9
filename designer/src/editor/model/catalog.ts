import type { Locale } from '../../../../engine/core/common/localized';
import { describeCatalog, type CatalogEntry } from '../../../../engine/core/nodes';

const cache = new Map<Locale, CatalogEntry[]>();

/** The node catalog (palette and forms read it), computed once per language. */
export function nodeCatalog(locale: Locale): CatalogEntry[] {
  let c = cache.get(locale);
  if (!c) {
    c = describeCatalog(locale);
    cache.set(locale, c);
  }
  return c;
}
