import ExcelJS from 'exceljs';

/**
 * Reading and writing the actor map's spreadsheets: CSV (UTF-8 with a BOM, so Excel shows Arabic)
 * and XLSX. Cells are strings, numbers or booleans; the import gives them meaning.
 */
export type Cell = string | number | boolean;
export interface Sheet {
  header: string[];
  /** Data rows with their spreadsheet row number (the header is row 1). */
  rows: { row: number; cells: Cell[] }[];
}

export class UnreadableFile extends Error {
  constructor(
    readonly code: 'unsupported_import_type' | 'encoding_not_utf8' | 'empty_file' | 'too_many_rows',
  ) {
    super(code);
  }
}

const BOM = '\uFEFF';
// A cell starting with one of these is a formula to Excel: prefixed with ' on export, the ' is
// dropped again on import (OWASP's CSV injection advice).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell, guard: boolean): string {
  let text = String(value);
  if (guard && FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV file for Excel: BOM, comma-separated, CRLF. `guarded` columns are free texts (not the
 * numbers and codes the export writes itself).
 */
export function writeCsv(header: readonly string[], rows: Cell[][], guarded: ReadonlySet<number>): Buffer {
  const lines = [header.map((h) => csvCell(h, false)).join(',')];
  for (const row of rows) lines.push(row.map((c, i) => csvCell(c, guarded.has(i))).join(','));
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: Cell[][],
  widths: readonly number[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Madar';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h, i) => ({ header: h, key: h, width: widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads an uploaded file: XLSX by its zip signature, otherwise CSV in UTF-8. */
export async function readSheet(
  bytes: Buffer,
  maxRows: number,
): Promise<{ format: 'csv' | 'xlsx'; sheet: Sheet }> {
  if (bytes.length === 0) throw new UnreadableFile('empty_file');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { format: 'xlsx', sheet: await readXlsx(bytes, maxRows) };
  }
  // An old binary .xls (OLE2): say it is the wrong type, not the wrong encoding.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new UnreadableFile('unsupported_import_type');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFile('encoding_not_utf8');
  }
  // Binary files (an old .xls, a PDF) are not CSV.
  if (text.includes('\u0000')) throw new UnreadableFile('unsupported_import_type');
  return { format: 'csv', sheet: readCsv(text, maxRows) };
}

function trimRow(cells: Cell[]): Cell[] {
  return cells.map((c) => (typeof c === 'string' ? c.trim() : c));
}

const isEmptyRow = (cells: Cell[]) => cells.every((c) => c === '');

/** RFC 4180 with the delimiter of the header line (Excel writes ; in French-speaking locales). */
export function readCsv(input: string, maxRows: number): Sheet {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best), [',', 0] as const)[0];

  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    if (records.length > maxRows + 1) throw new UnreadableFile('too_many_rows');
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (c === '\n' || c === '\r') endRecord();
    else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();

  const [header, ...data] = records;
  if (!header || isEmptyRow(header)) throw new UnreadableFile('empty_file');
  const rows = data
    .map((cells, index) => ({ row: index + 2, cells: trimRow(cells.map(unguard)) }))
    .filter((r) => !isEmptyRow(r.cells));
  if (rows.length === 0) throw new UnreadableFile('empty_file');
  return { header: header.map((h) => h.trim()), rows };
}

/** Drops the ' the export put before a formula-like text. */
function unguard(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unguard(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || (typeof result === 'object' && !(result instanceof Date))
        ? ''
        : cellOf(result as ExcelJS.CellValue);
    }
    if ('text' in value) return cellOf((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  }
  return '';
}

async function readXlsx(bytes: Buffer, maxRows: number): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnreadableFile('unsupported_import_type');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new UnreadableFile('empty_file');
  if (sheet.rowCount > maxRows + 1) throw new UnreadableFile('too_many_rows');
  const width = sheet.columnCount;
  const cellsOf = (n: number): Cell[] => {
    const row = sheet.getRow(n);
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    return trimRow(cells);
  };
  const header = cellsOf(1).map(String);
  // Trailing columns with no header and no value are Excel's formatting, not data.
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new UnreadableFile('empty_file');
  const rows: Sheet['rows'] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = cellsOf(n);
    if (!isEmptyRow(cells)) rows.push({ row: n, cells });
  }
  if (rows.length === 0) throw new UnreadableFile('empty_file');
  return { header, rows };
}
