import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import { mapHeaders, type ColumnTarget } from './import-headers';

export type ImportFormat = 'csv' | 'json' | 'ndjson';
/** `gbk` files are decoded as GB18030 (a superset of GBK and GB2312). */
export type ImportEncoding = 'utf8' | 'gbk' | 'utf16le';

/** What the background run reads: checked before the job is accepted, so a hopeless file gets a 400 at once. */
export type ImportPlan =
  | { format: 'csv'; encoding: ImportEncoding; body: Buffer; delimiter: string; targets: ColumnTarget[]; ignored: string[] }
  | { format: 'json'; encoding: ImportEncoding; records: unknown[]; ignored: string[] }
  | { format: 'ndjson'; encoding: ImportEncoding; text: string; ignored: string[] };

export interface ImportRequest {
  body: unknown;
  contentType?: string;
  format?: ImportFormat;
  encoding?: 'utf8' | 'gbk';
}

const bad = (code: string, zh: string, en: string, path = '/body') => {
  const t = text(zh, en);
  return new ApiError(400, code, t, [{ path, message: t }]);
};

/** A byte-order mark says UTF-8 (or UTF-16); bytes that are valid UTF-8 are UTF-8; anything else is GBK. `override` wins. */
export function detectEncoding(buf: Buffer, override?: 'utf8' | 'gbk'): ImportEncoding {
  if (override) return override;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf8';
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf16le';
  return isUtf8(buf) ? 'utf8' : 'gbk';
}

export const iconvName = (e: ImportEncoding): string => (e === 'gbk' ? 'gb18030' : e);

/** The format: `?format=`, else the Content-Type (JSON, NDJSON), else CSV — a body opening with `[` is read as JSON. */
export function detectFormat(contentType: string | undefined, override: ImportFormat | undefined, head: string): ImportFormat {
  if (override) return override;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^application\/(x-)?(nd-?json|jsonl|json-?lines|jsonlines)$/.test(type)) return 'ndjson';
  if (type === 'application/json' || type.endsWith('+json')) return /^\s*\[/.test(head) ? 'json' : 'ndjson';
  return /^\s*\[/.test(head) ? 'json' : 'csv';
}

/** The delimiter of the header line: comma, tab (Excel "Unicode text") or semicolon, whichever occurs most outside quotes. */
export function sniffDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

function csvPlan(body: Buffer, encoding: ImportEncoding): ImportPlan {
  const head = iconv.decode(body.subarray(0, 64 * 1024), iconvName(encoding)).replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = sniffDelimiter(firstLine);
  let headers: string[];
  try {
    headers = (parse(firstLine, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [];
  } catch {
    throw bad('INVALID_CSV_HEADER', 'CSV 第一行（表头）无法解析', 'The first line of the CSV (the header) cannot be read');
  }
  const mapping = mapHeaders(headers.map((h) => h.trim()));
  const dup = mapping.problems.find((p) => p.code === 'DUPLICATE_COLUMN');
  if (dup) throw bad('DUPLICATE_COLUMN', `表头第 ${dup.column} 列「${dup.header}」与前面的列对应同一字段`, `Header column ${dup.column} "${dup.header}" fills the same field as an earlier column`);
  if (mapping.problems.some((p) => p.code === 'NO_NAME_COLUMN')) {
    throw bad(
      'NO_NAME_COLUMN',
      `表头中没有「名称」列（可用：名称 / 客户名称 / name）。读到的表头：${headers.join('、').slice(0, 300)}`,
      `The header has no name column (use 名称 / 客户名称 / name). Headers read: ${headers.join(', ').slice(0, 300)}`,
    );
  }
  return { format: 'csv', encoding, body, delimiter, targets: mapping.targets, ignored: mapping.ignored };
}

/**
 * Reads what an import request is, without importing anything yet: the encoding (BOM → UTF-8;
 * valid UTF-8 → UTF-8; else GBK; `?encoding=` overrides), the format, and for CSV the header mapping;
 * a JSON array is parsed here. Anything unreadable as a whole is a 400.
 */
export function planImport(req: ImportRequest): ImportPlan {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw bad('EMPTY_BODY', '请求体为空：请上传 CSV 或 JSON', 'The body is empty: send a CSV or JSON file');
  const body = req.body;
  const encoding = detectEncoding(body, req.encoding);
  const head = iconv.decode(body.subarray(0, 256), iconvName(encoding)).replace(/^\uFEFF/, '');
  const format = detectFormat(req.contentType, req.format, head);
  if (format === 'csv') return csvPlan(body, encoding);
  const decoded = iconv.decode(body, iconvName(encoding)).replace(/^\uFEFF/, '');
  if (format === 'ndjson') return { format, encoding, text: decoded, ignored: [] };
  let records: unknown;
  try {
    records = JSON.parse(decoded);
  } catch (err) {
    throw bad('INVALID_JSON', `JSON 无法解析：${(err as Error).message}`, `The JSON cannot be parsed: ${(err as Error).message}`);
  }
  if (!Array.isArray(records)) throw bad('NOT_AN_ARRAY', 'JSON 导入应为客户对象数组（或每行一个对象的 NDJSON）', 'A JSON import must be an array of customer objects (or NDJSON, one object per line)');
  return { format, encoding, records, ignored: [] };
}
