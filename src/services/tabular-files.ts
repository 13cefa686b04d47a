// Reading and writing the CSV and XLSX files used by imports and exports.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AppError, invalid } from '../core/errors.js';

export type TableFormat = 'csv' | 'xlsx';

export interface Table {
  header: string[];
  rows: string[][];
}

export function formatOf(filename: string): TableFormat {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  throw new AppError('unsupported_file', 415, { type: ext || filename });
}

const MAX_ROWS = 100_000;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return String(value.hyperlink);
    return '';
  }
  return String(value);
}

export async function readTable(buffer: Buffer, format: TableFormat): Promise<Table> {
  if (format === 'csv') {
    let records: string[][];
    try {
      records = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (error) {
      throw invalid(`the CSV file cannot be read: ${(error as Error).message}`);
    }
    if (records.length === 0) throw invalid('the file is empty');
    if (records.length > MAX_ROWS + 1) throw invalid(`at most ${MAX_ROWS} rows per file`);
    return { header: records[0], rows: records.slice(1) };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid(`the XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw invalid('the file is empty');
  if (sheet.rowCount > MAX_ROWS + 1) throw invalid(`at most ${MAX_ROWS} rows per file`);
  const width = sheet.columnCount;
  const all: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    all.push(cells);
  }
  return { header: all[0], rows: all.slice(1) };
}

export async function writeTable(table: Table, format: TableFormat, sheetName = 'Sheet1'): Promise<Buffer> {
  if (format === 'csv') {
    // A byte-order mark so that spreadsheet programs read the Chinese text as UTF-8.
    return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify([table.header, ...table.rows]))]);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((col) => {
    col.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
