import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { CUSTOMER_FIELDS } from '../core/model/customer.schema';
import { CliError } from './cli-error';

/**
 * Reads a CSV export into records keyed by customer field names. UTF-8 with or without a BOM; a file that is
 * not valid UTF-8 is read as GB18030 (what Chinese Excel saves). Column headers may be the field names
 * (`industry`) or their Chinese labels (`行业`); other columns become customer attributes.
 */
const LABEL_TO_FIELD: ReadonlyMap<string, string> = new Map(
  Object.entries(CUSTOMER_FIELDS).flatMap(([name, f]) => [[name.toLowerCase(), name], [f.zh, name], [f.en.toLowerCase(), name]]),
);

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

export function headerToField(header: string): string {
  const h = header.trim();
  return LABEL_TO_FIELD.get(h) ?? LABEL_TO_FIELD.get(h.toLowerCase()) ?? h;
}

export function parseCsvRecords(input: Uint8Array | string, fileName = 'CSV'): Record<string, string>[] {
  const content = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeText(input);
  try {
    return parse(content, {
      columns: (headers: string[]) => headers.map(headerToField),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as Record<string, string>[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CliError(`${fileName}: not a readable CSV file${e.lines !== undefined ? ` (line ${e.lines})` : ''}: ${e.message}`);
  }
}
