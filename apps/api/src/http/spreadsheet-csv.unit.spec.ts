import { parse } from 'csv-parse/sync';
import { spreadsheetCsv } from './spreadsheet-csv.js';

const cellsOf = (bytes: Buffer): string[][] => parse(bytes.toString('utf8'), { delimiter: ';', bom: true });

describe('spreadsheetCsv', () => {
  it('prefixes text a spreadsheet would run with an apostrophe, tab and carriage return and full-width signs included', () => {
    const texts = ['=1+1', '+1', '-1', '@A1', '\tcmd', '\r=1', '\uFF1D1+1', 'ASD Team Nord', '1:44,0', '.', ''];
    expect(cellsOf(spreadsheetCsv([texts]))[0]).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\tcmd", "'\r=1", "'\uFF1D1+1", 'ASD Team Nord', '1:44,0', '.', '']);
  });

  it('writes numbers, negative ones too, as German numbers without a prefix', () => {
    expect(cellsOf(spreadsheetCsv([[-12.5, -500, 0, 3.25, null]]))[0]).toEqual(['-12,5', '-500', '0', '3,25', '']);
  });

  it('writes UTF-8 with a byte order mark, `;` and CRLF, quoting what needs it', () => {
    const bytes = spreadsheetCsv([
      ['Köpfe', 'a;b'],
      ['x', 'say "hi"'],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('Köpfe;"a;b"\r\nx;"say ""hi"""\r\n');
  });
});
