// A report as a plain table: columns with labels in both languages and rows of values. Every export format
// (XLSX, CSV, PDF) and the console read the same table, so what is exported is what is shown.

export interface Label {
  en: string;
  'zh-CN': string;
}

export type ReportLanguage = keyof Label;

/** How a value is shown: minutes as hours with two decimals, rates as percentages. */
export type ColumnKind = 'text' | 'count' | 'days' | 'minutes' | 'rate';

export interface ReportColumn {
  key: string;
  label: Label;
  kind: ColumnKind;
  /** Words for the codes a text column holds (exports write the word in the file's language). */
  codes?: Record<string, Label>;
}

export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

export interface ReportTable {
  title: Label;
  /** What the table covers, e.g. the month and the department. */
  subtitle: Label;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Sums of the numeric columns (rates: recomputed from their parts where the report gives them). */
  totals: ReportRow | null;
}

export const col = (key: string, en: string, zh: string, kind: ColumnKind = 'text'): ReportColumn => ({
  key,
  label: { en, 'zh-CN': zh },
  kind,
});

/** Sums of count, days and minutes columns; text and rate columns are left empty. */
export function sumColumns(columns: readonly ReportColumn[], rows: readonly ReportRow[]): ReportRow {
  const totals: ReportRow = {};
  for (const c of columns) {
    if (c.kind === 'count' || c.kind === 'days' || c.kind === 'minutes') {
      let sum = 0;
      for (const r of rows) {
        const v = r[c.key];
        if (typeof v === 'number') sum += v;
      }
      totals[c.key] = round(sum, 4);
    } else totals[c.key] = null;
  }
  return totals;
}

/** A value as the exports write it: minutes become hours (2 decimals), rates a percentage text in PDF/CSV. */
export function displayValue(column: ReportColumn, value: Cell): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') return value;
  if (column.kind === 'minutes') return round(value / 60, 2);
  if (column.kind === 'rate') return `${round(value * 100, 2)}%`;
  return value;
}

/** Column header as exported: minutes columns say they are in hours. */
export function headerOf(column: ReportColumn, language: ReportLanguage): string {
  const label = column.label[language];
  if (column.kind !== 'minutes') return label;
  return language === 'zh-CN' ? `${label}（小时）` : `${label} (h)`;
}

export function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
