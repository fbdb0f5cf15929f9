import { normalizePhone } from '../../data/normalize-contact';

/**
 * Pool customers are shown with their phone and email masked until someone claims them
 * (DESIGN.md "Follow-up, escalation and the public pool").
 */

/** `13800005678` → `138****5678`; shorter numbers keep less: 7–10 digits keep 2 + 2, fewer keep the last 2. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = normalizePhone(phone) ?? phone.replace(/\D+/g, '');
  const n = digits.length;
  if (n === 0) return '****';
  if (n >= 11) return `${digits.slice(0, 3)}${'*'.repeat(n - 7)}${digits.slice(-4)}`;
  if (n >= 7) return `${digits.slice(0, 2)}${'*'.repeat(n - 4)}${digits.slice(-2)}`;
  if (n >= 3) return `${'*'.repeat(n - 2)}${digits.slice(-2)}`;
  return '*'.repeat(n);
}

/** `zhang.wei@example.com` → `z***@example.com` (the domain stays: it says which company). */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const first = Array.from(local)[0] ?? '';
  return `${first}***@${email.slice(at + 1)}`;
}
