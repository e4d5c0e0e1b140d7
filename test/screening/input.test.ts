// Reading a CSV file of names to screen: real files as spreadsheets and CRMs write them, and the files a screening must refuse.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_ROWS, ScreeningInputError, readScreeningFile } from '../../src/screening/input.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url)));

/** The problem a file is refused with. */
function refusal(bytes: Uint8Array): string {
  try {
    readScreeningFile(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ScreeningInputError);
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('reading a file of names', () => {
  it('finds the name, country and date of birth columns of a CRM export, numbering rows as a spreadsheet does', () => {
    const { rows, columns } = readScreeningFile(fixture('customers.csv'));
    expect(columns).toEqual({ name: 'Full Name', country: 'Country', dateOfBirth: 'Date of Birth' });
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({ row: 2, name: 'Shahraat Zakir', country: 'China', dateOfBirth: '1953' });
    // A quoted name keeps its comma and its quotes are undone.
    expect(rows.find((r) => r.row === 14)).toMatchObject({ name: 'ZAKIR, Shohrat', country: '' });
    expect(rows.find((r) => r.row === 15)!.name).toBe('=HYPERLINK("http://example.com/x","click")');
    expect(rows.at(-1)).toEqual({ row: 17, name: 'Aeroflot', country: 'Narnia', dateOfBirth: 'sometime in the 80s' });
  });

  it('reads semicolon-separated Windows-1252 files, as Excel writes them in much of Europe', () => {
    const { rows, columns } = readScreeningFile(fixture('semicolon-windows-1252.csv'));
    expect(columns).toEqual({ name: 'Name', country: 'Nationality', dateOfBirth: 'DOB' });
    expect(rows.map((r) => r.name)).toEqual(['Mahan Air', 'Banco Nacional de Cuba', 'Société Générale de Négoce', 'Rapid Action Battalion']);
    expect(rows[0]!.country).toBe('Iran');
  });

  it('drops a UTF-8 byte order mark, so that the first header is still recognised', () => {
    const { rows, columns } = readScreeningFile(fixture('bom.csv'));
    expect(columns.name).toBe('name');
    expect(rows.map((r) => r.name)).toEqual(['Erken Tuniyaz', '김정은', 'Qwxzv Plorkt Trading']);
  });

  it("reads Excel's UTF-16 tab-separated \"Unicode text\", joining first and last name columns", () => {
    const { rows, columns } = readScreeningFile(fixture('excel-unicode-text.txt'));
    expect(columns).toEqual({ name: 'First Name + Last Name', country: 'Country', dateOfBirth: undefined });
    expect(rows).toEqual([
      { row: 2, name: 'Igor Sechin', country: 'Russia', dateOfBirth: '' },
      { row: 3, name: 'Anna Lindqvist', country: 'Sweden', dateOfBirth: '' },
    ]);
  });

  it('takes up to the row limit, and not one row more', () => {
    const lines = fixture('10001-rows.csv').toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_ROWS + 2);
    const atLimit = Buffer.from(lines.slice(0, -1).join('\n'));
    expect(readScreeningFile(atLimit).rows).toHaveLength(MAX_ROWS);
    expect(refusal(fixture('10001-rows.csv'))).toBe('the file has 10,001 rows; the limit is 10,000. Split it into smaller files.');
  });
});

describe('files a screening refuses, saying why', () => {
  it('a file without a name column, naming the headers it has', () => {
    expect(refusal(fixture('no-name-column.csv'))).toMatch(/^no name column\. The first row is "id", "amount", "currency"; .*"name" .*"first name" and "last name"/);
  });

  it('an image, a workbook, and other binary data', () => {
    expect(refusal(fixture('logo.png'))).toBe('this is a PNG image, not a CSV file of names.');
    expect(refusal(fixture('customers.xlsx'))).toBe('this is an Excel workbook (.xlsx), not CSV. In Excel, use File > Save As > "CSV UTF-8", and share that file.');
    expect(refusal(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]))).toBe('this is a PDF document, not a CSV file of names.');
    expect(refusal(Buffer.from('name\n\0\0\0\x01\x02'))).toBe('this is binary data, not a CSV file of names.');
    expect(refusal(Buffer.from('name\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10'))).toBe('this is binary data, not a CSV file of names.');
    expect(refusal(gzipSync(fixture('customers.csv')))).toBe('this is a gzip archive, not a CSV file of names.');
    expect(refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBe('this is a JPEG image, not a CSV file of names.');
    expect(refusal(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBe('this is a GIF image, not a CSV file of names.');
  });

  it('malformed CSV, naming the line', () => {
    expect(refusal(fixture('unclosed-quote.csv'))).toBe('the " on line 3 opens a quoted value that is never closed.');
    expect(refusal(fixture('extra-column.csv'))).toBe('line 3 has more values than the header has columns: a name containing "," must be in double quotes.');
  });

  it('empty files, a header alone, JSON and HTML', () => {
    expect(refusal(Buffer.from(''))).toBe('the file is empty.');
    expect(refusal(Buffer.from('\r\n \r\n'))).toBe('the file is empty.');
    expect(refusal(Buffer.from('name,country\r\n'))).toBe('there are no rows under the header row.');
    expect(refusal(Buffer.from('[{"name":"SEK Studio"}]'))).toBe('this looks like JSON, not CSV.');
    expect(refusal(Buffer.from('<!DOCTYPE html><html></html>'))).toBe('this looks like HTML or XML, not CSV.');
  });

  it('a file over the size limit', () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 'a');
    expect(refusal(big)).toBe('the file is 5.0 MB; the limit is 5 MB.');
  });
});
