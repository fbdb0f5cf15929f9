import { Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import iconv from 'iconv-lite';
import { text } from '../../core/common/localized';
import type { ColumnTarget } from './import-headers';
import type { ImportPlan } from './import-plan';
import { iconvName } from './import-plan';
import { jsonEntries, type RowRejection } from './import-row';

/**
 * One input row: its number (CSV: the record's position in the file, the header being row 1, as a
 * spreadsheet shows it; JSON: the element's position from 1; NDJSON: the line number) and either its
 * cells / keys with what they fill, or why it cannot be read at all.
 */
export type SourceRow = { row: number; entries: [ColumnTarget, unknown][] } | { row: number; rejection: RowRejection };

const CHUNK = 64 * 1024;

function* chunks(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
}

function notAnObject(row: number): SourceRow {
  return { row, rejection: { code: 'NOT_AN_OBJECT', reason: text('这一项不是客户对象（应为 {"name": …}）', 'This item is not a customer object (expected {"name": …})') } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * CSV rows, streamed: bytes → decoder (UTF-8 / GB18030 / UTF-16) → csv-parse, one record at a time.
 * A record csv-parse cannot read (a stray quote) becomes a rejected row, never the end of the import;
 * a row with more non-empty cells than the header has columns is rejected; missing trailing cells are empty.
 */
async function* csvRows(plan: Extract<ImportPlan, { format: 'csv' }>): AsyncGenerator<SourceRow> {
  let n = 0;
  const skipped: SourceRow[] = [];
  const options: Options<{ n: number; record: string[] }, string[]> = {
    delimiter: plan.delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[]) => ({ n: ++n, record }),
    on_skip: (err: CsvError | undefined) => {
      skipped.push({
        row: ++n,
        rejection: {
          code: 'CSV_MALFORMED',
          reason: text(`这一行的 CSV 格式有误：${err?.message ?? ''}`, `This row is not well-formed CSV: ${err?.message ?? ''}`),
        },
      });
      return undefined;
    },
  };
  const parser = parse(options as unknown as Options);
  const decoder = iconv.decodeStream(iconvName(plan.encoding));
  Readable.from(chunks(plan.body)).pipe(decoder).pipe(parser);
  decoder.on('error', (err: Error) => parser.destroy(err));
  const width = plan.targets.length;
  for await (const { n: row, record } of parser as AsyncIterable<{ n: number; record: string[] }>) {
    while (skipped.length) yield skipped.shift() as SourceRow;
    if (row === 1) continue; // the header, mapped when the import was accepted
    if (record.length > width && record.slice(width).some((c) => c.trim() !== '')) {
      yield {
        row,
        rejection: {
          code: 'COLUMN_COUNT',
          reason: text(`这一行有 ${record.length} 列，多于表头的 ${width} 列`, `This row has ${record.length} cells, more than the ${width} header columns`),
        },
      };
      continue;
    }
    yield { row, entries: plan.targets.map((t, i) => [t, record[i] ?? ''] as [ColumnTarget, unknown]) };
  }
  while (skipped.length) yield skipped.shift() as SourceRow;
}

function* jsonRows(records: unknown[]): Generator<SourceRow> {
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    yield isRecord(r) ? { row: i + 1, entries: jsonEntries(r) } : notAnObject(i + 1);
  }
}

function* ndjsonRows(body: string): Generator<SourceRow> {
  let line = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    line++;
    const raw = body.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      yield { row: line, rejection: { code: 'INVALID_JSON', reason: text(`这一行不是合法的 JSON：${(err as Error).message}`, `This line is not valid JSON: ${(err as Error).message}`) } };
      continue;
    }
    yield isRecord(value) ? { row: line, entries: jsonEntries(value) } : notAnObject(line);
  }
}

/** The rows of an accepted import, in file order. */
export async function* readRows(plan: ImportPlan): AsyncGenerator<SourceRow> {
  if (plan.format === 'csv') yield* csvRows(plan);
  else if (plan.format === 'json') yield* jsonRows(plan.records);
  else yield* ndjsonRows(plan.text);
}
