import { describe, expect, it } from 'vitest';
import { readCsv, readSheet, UnreadableFile, writeCsv } from './spreadsheet';

describe('CSV files of the actor map', () => {
  it('reads quoted fields with delimiters, quotes and line breaks, and keeps row numbers', () => {
    const sheet = readCsv('\uFEFFa,b,c\r\n1,"x, ""y""\nz",3\r\n\r\n4,5,6\n', 10);
    expect(sheet.header).toEqual(['a', 'b', 'c']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['1', 'x, "y"\nz', '3'] },
      { row: 4, cells: ['4', '5', '6'] },
    ]);
  });

  it("takes the header's delimiter: Excel writes ; in French-speaking locales", () => {
    expect(readCsv('a;b\n1,5;2\n', 10).rows[0]!.cells).toEqual(['1,5', '2']);
    expect(readCsv('a\tb\n1\t2\n', 10).rows[0]!.cells).toEqual(['1', '2']);
  });

  it('neutralises formulas on the way out and restores the text on the way in', () => {
    const bytes = writeCsv(['name', 'lat'], [['=HYPERLINK("x")', -5.8]], new Set([0]));
    const text = bytes.toString('utf8');
    expect(text).toBe('\uFEFFname,lat\r\n"\'=HYPERLINK(""x"")",-5.8\r\n');
    expect(readCsv(text, 10).rows[0]!.cells).toEqual(['=HYPERLINK("x")', '-5.8']);
  });

  it('refuses files that are empty, too long, not UTF-8 or binary', async () => {
    const codeOf = async (bytes: Buffer, max = 10) =>
      readSheet(bytes, max).then(
        () => 'read',
        (e: unknown) => (e instanceof UnreadableFile ? e.code : 'other'),
      );
    expect(await codeOf(Buffer.alloc(0))).toBe('empty_file');
    expect(await codeOf(Buffer.from('a,b\n'))).toBe('empty_file');
    expect(await codeOf(Buffer.from('a\n1\n2\n3\n'), 2)).toBe('too_many_rows');
    expect(await codeOf(Buffer.from([0x61, 0x0a, 0xe9, 0x0a]))).toBe('encoding_not_utf8');
    expect(await codeOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toBe('unsupported_import_type');
    expect(await codeOf(Buffer.from('a\n\u0000\n'))).toBe('unsupported_import_type');
  });
});
