// A ReportTable written as XLSX (numbers stay numbers, minutes as hours, rates as percentages), CSV (UTF-8
// with a BOM so Excel reads Chinese) or PDF (Chinese text through the CJK font).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { statusText } from '../../core/reports/daily.js';
import {
  type Cell,
  displayValue,
  headerOf,
  type ReportColumn,
  type ReportLanguage,
  type ReportTable,
} from '../../core/reports/table.js';
import { createPdf } from '../pdf/index.js';

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const TOTAL: Record<ReportLanguage, string> = { en: 'Total', 'zh-CN': '合计' };

function value(column: ReportColumn, cell: Cell, language: ReportLanguage): Cell {
  if (column.key === 'status' && typeof cell === 'string') return statusText(cell.split(','), language);
  if (column.codes && typeof cell === 'string') return column.codes[cell]?.[language] ?? cell;
  return displayValue(column, cell);
}

function lines(table: ReportTable, language: ReportLanguage): Cell[][] {
  const out = table.rows.map((row) => table.columns.map((c) => value(c, row[c.key] ?? null, language)));
  if (table.totals) {
    const totals = table.columns.map((c) => value(c, table.totals?.[c.key] ?? null, language));
    totals[0] = TOTAL[language];
    out.push(totals);
  }
  return out;
}

/** XLSX keeps numbers as numbers: minutes as hours, rates as fractions shown with a percent format. */
function xlsxValue(column: ReportColumn, cell: Cell, language: ReportLanguage): Cell {
  if (column.kind === 'rate') return cell;
  return value(column, cell, language);
}

export async function renderXlsx(table: ReportTable, language: ReportLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FaceClock';
  const sheet = workbook.addWorksheet(table.title[language].slice(0, 31));
  sheet.addRow([table.title[language]]).font = { bold: true, size: 14 };
  sheet.addRow([table.subtitle[language]]);
  const header = sheet.addRow(table.columns.map((c) => headerOf(c, language)));
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  for (const row of table.rows)
    sheet.addRow(table.columns.map((c) => xlsxValue(c, row[c.key] ?? null, language)));
  if (table.totals) {
    const totals = table.columns.map((c) => xlsxValue(c, table.totals?.[c.key] ?? null, language));
    totals[0] = TOTAL[language];
    sheet.addRow(totals).font = { bold: true };
  }
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(
      10,
      Math.min(30, headerOf(c, language).length * (language === 'zh-CN' ? 2 : 1.1) + 2),
    );
    if (c.kind === 'rate') column.numFmt = '0.00%';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function renderCsv(table: ReportTable, language: ReportLanguage): Buffer {
  const text = stringify([table.columns.map((c) => headerOf(c, language)), ...lines(table, language)]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export function renderPdf(table: ReportTable, language: ReportLanguage): Promise<Buffer> {
  return createPdf({ title: table.title[language], language, landscape: table.columns.length > 8 })
    .heading(table.title[language])
    .paragraph(table.subtitle[language])
    .table(
      table.columns.map((c) => headerOf(c, language)),
      lines(table, language),
    )
    .toBuffer();
}

export function render(table: ReportTable, format: ExportFormat, language: ReportLanguage): Promise<Buffer> {
  if (format === 'xlsx') return renderXlsx(table, language);
  if (format === 'csv') return Promise.resolve(renderCsv(table, language));
  return renderPdf(table, language);
}
