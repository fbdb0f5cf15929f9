/** Characters that make a spreadsheet read a cell as a formula (CSV / formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell value safe to open in Excel, WPS or LibreOffice: text starting with = + - @ tab or CR is
 * prefixed with a single quote so it is shown as text, never evaluated (OWASP "CSV injection").
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}
