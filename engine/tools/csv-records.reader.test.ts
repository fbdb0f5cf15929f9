import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { decodeText, headerToField, parseCsvRecords } from './csv-records.reader';

describe('parseCsvRecords', () => {
  const csv = 'id,名称,行业,Estimated value,budget\nc1,华星科技,software,120000,5\nc2,"Acme, Inc.",retail,,\n';

  it('maps field names and their Chinese or English labels; other columns stay as they are', () => {
    expect(parseCsvRecords(csv)).toEqual([
      { id: 'c1', name: '华星科技', industry: 'software', estimatedValue: '120000', budget: '5' },
      { id: 'c2', name: 'Acme, Inc.', industry: 'retail', estimatedValue: '', budget: '' },
    ]);
    expect(headerToField(' 省份 ')).toBe('province');
    expect(headerToField('Days since last follow-up')).toBe('daysSinceLastFollowUp');
  });

  it('reads UTF-8 with and without a BOM, and GB18030 exports', () => {
    const utf8 = new TextEncoder().encode(csv);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const gbk = new Uint8Array(iconv.encode(csv, 'gb18030'));
    const expected = parseCsvRecords(csv);
    expect(parseCsvRecords(utf8)).toEqual(expected);
    expect(parseCsvRecords(bom)).toEqual(expected);
    expect(parseCsvRecords(gbk)).toEqual(expected);
    expect(decodeText(bom).startsWith('id,')).toBe(true);
  });

  it('names the line of a malformed row', () => {
    expect(() => parseCsvRecords('id,name\nc1,A,extra\n', 'x.csv')).toThrow(CliError);
    expect(() => parseCsvRecords('id,name\nc1,A,extra\n', 'x.csv')).toThrow(/x\.csv: not a readable CSV file \(line 2\)/);
  });
});
