/** Dedupe keys: the forms phone, email and company are compared in. */

/** Digits only; a +86 / 0086 mainland prefix on an 11-digit mobile is dropped. */
export function normalizePhone(phone: string): string | undefined {
  let digits = phone.normalize('NFKC').replace(/\D+/g, '');
  if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits.length >= 5 ? digits : undefined;
}

export function normalizeEmail(email: string): string | undefined {
  const v = email.normalize('NFKC').trim().toLowerCase();
  return v.includes('@') ? v : undefined;
}

const COMPANY_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '集团', '公司',
  'corporation', 'company', 'limited', 'group', 'corp', 'inc', 'ltd', 'llc', 'co',
];

/** Case, width, punctuation, spacing and legal-form suffixes folded away: "ACME Co., Ltd." → "acme". */
export function normalizeCompany(company: string): string | undefined {
  let v = company.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      if (v.endsWith(suffix) && v.length > suffix.length) {
        const isWord = /^[a-z]+$/.test(suffix);
        const before = v.charAt(v.length - suffix.length - 1);
        if (isWord && before !== ' ') continue;
        v = v.slice(0, -suffix.length).trim();
        changed = true;
      }
    }
  }
  v = v.replace(/\s+/g, '');
  return v.length > 0 ? v : undefined;
}
