import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columnTarget, mapHeaders } from './import-headers';
import { detectEncoding, detectFormat, planImport, sniffDelimiter } from './import-plan';
import { jsonEntries, parseAmount, rowToIntake, splitTags } from './import-row';
import { readRows } from './import-source';

const csvRow = (headers: string[], cells: string[]) => rowToIntake(mapHeaders(headers).targets.map((t, i) => [t, cells[i] ?? ''] as const));

describe('import headers', () => {
  it('maps English field names, Chinese labels and common aliases, whatever the case, width or spacing', () => {
    expect(['名称', 'Name', ' NAME ', '客户名称', 'customer_name', '姓名'].map((h) => columnTarget(h))).toEqual(Array(6).fill({ kind: 'field', field: 'name' }));
    expect(columnTarget('预计金额')).toEqual({ kind: 'field', field: 'estimatedValue' });
    expect(columnTarget('estimated_value')).toEqual({ kind: 'field', field: 'estimatedValue' });
    expect(columnTarget('手机号')).toEqual({ kind: 'field', field: 'phone' });
    expect(columnTarget('ＥＭＡＩＬ')).toEqual({ kind: 'field', field: 'email' });
    expect(columnTarget('\uFEFF名称')).toEqual({ kind: 'field', field: 'name' });
    expect(columnTarget('属性.预算周期')).toEqual({ kind: 'attribute', key: '预算周期' });
    expect(columnTarget('attributes:seats')).toEqual({ kind: 'attribute', key: 'seats' });
    expect(columnTarget('负责人')).toEqual({ kind: 'ignored' });
  });

  it('reports a missing name column and two columns for one field', () => {
    expect(mapHeaders(['公司', '电话']).problems.map((p) => p.code)).toEqual(['NO_NAME_COLUMN']);
    expect(mapHeaders(['名称', 'name']).problems).toEqual([{ column: 2, header: 'name', code: 'DUPLICATE_COLUMN' }]);
    expect(mapHeaders(['名称', '负责人', '']).ignored).toEqual(['负责人']);
  });
});

describe('a row to a customer', () => {
  it('converts amounts, percentages, sizes and tags the way spreadsheets write them', () => {
    expect(parseAmount('12万')).toBe(120_000);
    expect(parseAmount('¥1,200,000元')).toBe(1_200_000);
    expect(parseAmount('3亿')).toBe(300_000_000);
    expect(parseAmount('abc')).toBeUndefined();
    expect(parseAmount('1.2.3')).toBeUndefined();
    expect(splitTags('vip，重点; 华东|vip、新')).toEqual(['vip', '重点', '华东', '新']);
    const r = csvRow(['名称', '规模', '流失风险', '预计金额', '标签'], [' 王五 ', '大型', '30%', '5万', 'a,b']);
    expect(r).toEqual({ ok: true, input: { name: '王五', size: 'large', churnRisk: 0.3, estimatedValue: 50_000, tags: ['a', 'b'] } });
  });

  it('rejects with a code, the column and a sentence in each language', () => {
    const missing = csvRow(['名称', '电话'], ['', '13800000000']);
    expect(missing).toMatchObject({ ok: false, code: 'MISSING_FIELD', field: 'name' });
    const email = csvRow(['名称', '邮箱'], ['x', 'nope']);
    expect(email).toMatchObject({ ok: false, code: 'INVALID_FIELD', field: 'email' });
    if (!email.ok) expect(email.reason['zh-CN']).toContain('邮箱');
    expect(csvRow(['名称', '预计金额'], ['x', '-'])).toMatchObject({ ok: false, code: 'INVALID_NUMBER', field: 'estimatedValue' });
    expect(csvRow(['名称', '预计金额'], ['x', '-5'])).toMatchObject({ ok: false, code: 'INVALID_FIELD', field: 'estimatedValue' });
    expect(csvRow(['名称', '属性.__proto__'], ['x', 'y'])).toMatchObject({ ok: false, code: 'INVALID_ATTRIBUTE' });
  });

  it('reads JSON keys like headers and never lets an object through as a value', () => {
    expect(rowToIntake(jsonEntries({ 名称: '甲', phone: '010-1234567', attributes: { seats: 3 } }))).toEqual({
      ok: true,
      input: { name: '甲', phone: '010-1234567', attributes: { seats: 3 } },
    });
    expect(rowToIntake(jsonEntries({ name: 'x', email: { $ne: null } }))).toMatchObject({ ok: false, field: 'email' });
    expect(rowToIntake(jsonEntries({ name: { $gt: '' } }))).toMatchObject({ ok: false, field: 'name' });
    expect(rowToIntake(jsonEntries({ name: 'x', $where: '1' }))).toEqual({ ok: true, input: { name: 'x' } });
  });
});

describe('encoding and format detection', () => {
  const text = '名称,电话\n张三,13800000000\n';
  it('BOM → UTF-8, valid UTF-8 → UTF-8, anything else → GBK; ?encoding= wins', () => {
    expect(detectEncoding(Buffer.from(`\uFEFF${text}`))).toBe('utf8');
    expect(detectEncoding(Buffer.from(text))).toBe('utf8');
    expect(detectEncoding(iconv.encode(text, 'gbk'))).toBe('gbk');
    expect(detectEncoding(Buffer.from(text), 'gbk')).toBe('gbk');
  });

  it('reads the format from the Content-Type, the override or the first character', () => {
    expect(detectFormat('text/csv', undefined, '名称')).toBe('csv');
    expect(detectFormat('application/json', undefined, ' [{')).toBe('json');
    expect(detectFormat('application/json', undefined, '{"name":1}\n')).toBe('ndjson');
    expect(detectFormat('application/x-ndjson; charset=utf-8', undefined, '{')).toBe('ndjson');
    expect(detectFormat(undefined, undefined, '[')).toBe('json');
    expect(detectFormat('application/json', 'csv', '[')).toBe('csv');
    expect(sniffDelimiter('名称\t电话\t"a,b"')).toBe('\t');
    expect(sniffDelimiter('名称;电话')).toBe(';');
  });

  it('streams a GBK CSV row by row with spreadsheet row numbers; a malformed record is one rejected row', async () => {
    const body = iconv.encode('名称,电话\r\n张三,13800000001\r\n"李四"x,13800000002\r\n王五,13800000003\r\n', 'gbk');
    const plan = planImport({ body, contentType: 'text/csv' });
    expect(plan).toMatchObject({ format: 'csv', encoding: 'gbk', delimiter: ',' });
    const rows = [];
    for await (const r of readRows(plan)) rows.push(r);
    const byRow = new Map(rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({ entries: [[{ kind: 'field', field: 'name' }, '张三'], [{ kind: 'field', field: 'phone' }, '13800000001']] });
    expect(byRow.get(3)).toMatchObject({ rejection: { code: 'CSV_MALFORMED' } });
  });
});
