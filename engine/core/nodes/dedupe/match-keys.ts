/** Normalised match keys, so "138-0000 0000" and "13800000000", or " A@B.com" and "a@b.com", are the same. */
export type MatchField = 'phone' | 'email' | 'company';

const COMPANY_SUFFIXES = /(有限责任公司|股份有限公司|有限公司|集团|公司|co\.?,?\s*ltd\.?|inc\.?|llc|ltd\.?|corp\.?|gmbh)$/i;

export function normaliseKey(field: MatchField, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let v: string;
  switch (field) {
    case 'phone': {
      v = value.replace(/\D/g, '');
      // mainland numbers written with the country code
      if (v.length === 13 && v.startsWith('86')) v = v.slice(2);
      break;
    }
    case 'email':
      v = value.trim().toLowerCase();
      break;
    case 'company':
      v = value.trim().toLowerCase().replace(/[\s()（）.,，]/g, '').replace(COMPANY_SUFFIXES, '');
      break;
  }
  return v.length >= 3 ? v : undefined;
}
