// PDF documents with Chinese text: a Noto CJK font from Debian's fonts-noto-cjk, found at run time and
// embedded as a subset by pdfkit. Without such a font the builder refuses with a clear message.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { AppError } from '../../core/errors.js';

/** Well-known places of a CJK font (Debian's fonts-noto-cjk, fonts-noto-cjk-extra, other distributions). */
const CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
];
const SEARCH_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];
const CJK_FILE = /^Noto(Sans|Serif)(CJK|SC)[-\w]*Regular\.(ttc|otf|ttf)$/i;

/**
 * The path of a Noto CJK font on this machine, or null when none is installed.
 * Looks at the usual Debian paths first, then scans the system font folders.
 */
export function findCjkFont(
  candidates: readonly string[] = CANDIDATES,
  searchDirs = SEARCH_DIRS,
): string | null {
  for (const file of candidates) if (existsSync(file)) return file;
  for (const dir of searchDirs) {
    const found = scan(dir, 4);
    if (found) return found;
  }
  return null;
}

function scan(dir: string, depth: number): string | null {
  if (depth < 0 || !existsSync(dir)) return null;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const entry of entries)
    if (entry.isFile() && CJK_FILE.test(entry.name)) return path.join(dir, entry.name);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const found = scan(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return null;
}

/** The face inside a font collection (.ttc) to use: the Simplified Chinese one. */
function collectionFace(file: string): string | undefined {
  if (!file.toLowerCase().endsWith('.ttc')) return undefined;
  const base = path.basename(file);
  const serif = /serif/i.test(base);
  const bold = /bold/i.test(base);
  return `Noto${serif ? 'Serif' : 'Sans'}CJKsc-${bold ? 'Bold' : 'Regular'}`;
}

export type PdfCell = string | number | null;

export interface PdfBuilder {
  heading(text: string, level?: number): PdfBuilder;
  paragraph(text: string): PdfBuilder;
  table(columns: string[], rows: PdfCell[][]): PdfBuilder;
  toBuffer(): Promise<Buffer>;
}

export interface PdfOptions {
  title: string;
  language: 'zh-CN' | 'en';
  /** Wide tables read better across the page; portrait by default. */
  landscape?: boolean;
  /** A font file to use instead of the one found on the machine (tests use it to simulate a missing font). */
  fontFile?: string | null;
}

const MARGIN = 40;
const CELL_PAD = 3;
const TABLE_FONT_SIZE = 8;

/** Starts a PDF; throws AppError('pdf_font_missing', 503) when no CJK font is installed. */
export function createPdf(options: PdfOptions): PdfBuilder {
  const fontFile = options.fontFile === undefined ? findCjkFont() : options.fontFile;
  if (!fontFile || !existsSync(fontFile)) throw new AppError('pdf_font_missing', 503);
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: options.title, Creator: 'FaceClock' },
    lang: options.language,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const face = collectionFace(fontFile);
  if (face) doc.registerFont('cjk', fontFile, face);
  else doc.registerFont('cjk', fontFile);
  doc.font('cjk');

  const contentWidth = () => doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  const builder: PdfBuilder = {
    heading(text, level = 1) {
      const size = level <= 1 ? 16 : level === 2 ? 13 : 11;
      doc.fontSize(size).fillColor('#000').text(text, MARGIN, doc.y, { width: contentWidth() });
      doc.moveDown(0.4);
      return builder;
    },
    paragraph(text) {
      doc.fontSize(10).fillColor('#000').text(text, MARGIN, doc.y, { width: contentWidth() });
      doc.moveDown(0.5);
      return builder;
    },
    table(columns, rows) {
      drawTable(doc, columns, rows, contentWidth(), bottom);
      doc.moveDown(0.5);
      return builder;
    },
    async toBuffer() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // The footer sits inside the bottom margin: lift the margin so pdfkit does not start a new page.
        const margins = doc.page.margins;
        doc.page.margins = { ...margins, bottom: 0 };
        doc
          .fontSize(8)
          .fillColor('#666')
          .text(`${options.title} · ${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, {
            width: contentWidth(),
            align: 'right',
            lineBreak: false,
          });
        doc.page.margins = margins;
      }
      doc.end();
      return done;
    },
  };
  return builder;
}

/** Numbers (and percentages, and empty cells) are right-aligned so that columns of figures line up. */
function isNumeric(value: PdfCell): boolean {
  return value === null || typeof value === 'number' || /^-?\d+(\.\d+)?%?$/.test(value);
}

function cellText(value: PdfCell): string {
  return value === null ? '' : String(value);
}

/**
 * Column widths: each column gets room for its widest cell and half its header (headers wrap onto two
 * lines), then all are scaled to the page width.
 */
function columnWidths(
  doc: PDFKit.PDFDocument,
  columns: string[],
  rows: PdfCell[][],
  width: number,
): number[] {
  doc.fontSize(TABLE_FONT_SIZE);
  const natural = columns.map((column, i) => {
    let widest = 0;
    for (const row of rows.slice(0, 300))
      widest = Math.max(widest, doc.widthOfString(cellText(row[i] ?? null)));
    const header = doc.widthOfString(column);
    return Math.min(Math.max(widest, header / 2, 12), 160) + 2 * CELL_PAD + 1;
  });
  const total = natural.reduce((a, b) => a + b, 0);
  return natural.map((w) => (w * width) / total);
}

function drawTable(
  doc: PDFKit.PDFDocument,
  columns: string[],
  rows: PdfCell[][],
  width: number,
  bottom: () => number,
): void {
  const widths = columnWidths(doc, columns, rows, width);
  const numeric = rows.length ? columns.map((_, i) => rows.every((r) => isNumeric(r[i] ?? null))) : [];
  const drawRow = (cells: string[], header: boolean) => {
    doc.fontSize(TABLE_FONT_SIZE);
    const height =
      Math.max(
        ...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * CELL_PAD })),
      ) +
      2 * CELL_PAD;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!header) drawRow(columns, true);
    }
    const top = doc.y;
    let x = MARGIN;
    if (header) doc.rect(MARGIN, top, width, height).fill('#eeeeee');
    cells.forEach((text, i) => {
      const w = widths[i]!;
      doc.rect(x, top, w, height).lineWidth(0.5).strokeColor('#999').stroke();
      doc.fillColor('#000').text(text, x + CELL_PAD, top + CELL_PAD, {
        width: w - 2 * CELL_PAD,
        align: !header && numeric[i] ? 'right' : 'left',
      });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  drawRow(columns, true);
  for (const row of rows)
    drawRow(
      columns.map((_, i) => cellText(row[i] ?? null)),
      false,
    );
}
