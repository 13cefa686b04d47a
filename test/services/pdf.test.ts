import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AppError, formatError } from '../../src/core/errors.js';
import { createPdf, findCjkFont } from '../../src/services/pdf/index.js';

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-pdf-'));
  const file = path.join(dir, 'out.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

test('a Noto CJK font is found on this machine', () => {
  const font = findCjkFont();
  assert.ok(font, 'fonts-noto-cjk must be installed');
  assert.match(path.basename(font), /Noto.*CJK/i);
  assert.ok(fs.existsSync(font));
});

test('no font in the given places gives null', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-nofont-'));
  assert.equal(findCjkFont([path.join(empty, 'missing.ttc')], [empty]), null);
  fs.rmSync(empty, { recursive: true });
});

test('Chinese headings, paragraphs and table cells come back out of the PDF as text', async () => {
  const pdf = await createPdf({ title: '月度考勤汇总', language: 'zh-CN' })
    .heading('月度考勤汇总 2026-10')
    .paragraph('部门：研发中心（含下级部门）')
    .table(
      ['工号', '姓名', '迟到次数', '出勤率'],
      [
        ['E001', '张三', 2, '95.5%'],
        ['E002', '李四', 0, null],
      ],
    )
    .toBuffer();
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdfText(pdf);
  for (const expected of [
    '月度考勤汇总',
    '研发中心',
    '工号',
    '姓名',
    '迟到次数',
    '出勤率',
    '张三',
    '李四',
    '95.5%',
  ])
    assert.ok(text.includes(expected), `PDF text lacks ${expected}:\n${text}`);
  // The font is embedded as a subset, not the whole 19 MB collection.
  assert.ok(pdf.length < 1_000_000, `PDF is ${pdf.length} bytes`);
});

test('a long table breaks over pages and repeats its header', async () => {
  const rows = Array.from({ length: 120 }, (_, i) => [`E${String(i).padStart(4, '0')}`, `员工${i}`, i]);
  const pdf = await createPdf({ title: 'Long', language: 'en' })
    .heading('Long table')
    .table(['No.', '姓名', 'Value'], rows)
    .toBuffer();
  const text = pdfText(pdf);
  const pages = text.split('\f').filter((page) => page.trim() !== '');
  assert.ok(pages.length >= 3, `expected several pages, got ${pages.length}`);
  for (const page of pages) assert.ok(page.includes('姓名'), 'every page repeats the table header');
  assert.ok(text.includes('员工119'));
  assert.ok(text.includes(`Long · ${pages.length} / ${pages.length}`));
});

test('without a CJK font the builder refuses with a clear message in both languages', () => {
  assert.throws(
    () => createPdf({ title: 'x', language: 'zh-CN', fontFile: null }),
    (error: unknown) =>
      error instanceof AppError && error.code === 'pdf_font_missing' && error.statusCode === 503,
  );
  assert.match(formatError('pdf_font_missing', 'en'), /fonts-noto-cjk/);
  assert.match(formatError('pdf_font_missing', 'zh-CN'), /中文/);
});
