// The web app's two languages must be complete: the same keys in Chinese and English (base and area files), no empty text, and
// the same {{placeholders}} in both versions of a message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const i18nDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n');
type Messages = { [key: string]: string | Messages };

const load = (file: string) => JSON.parse(fs.readFileSync(path.join(i18nDir, file), 'utf8')) as Messages;

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** The base file and every area file of one language, merged; each area file holds one top-level key. */
function loadLanguage(language: 'en' | 'zh-CN'): Messages {
  const merged: Messages = load(`${language}.json`);
  const areaFiles = fs
    .readdirSync(path.join(i18nDir, 'areas'))
    .filter((f) => f.endsWith(`.${language}.json`));
  for (const file of areaFiles) {
    const area = load(path.join('areas', file));
    for (const key of Object.keys(area)) {
      assert.ok(!(key in merged), `${file} repeats the top-level key "${key}"`);
      merged[key] = area[key]!;
    }
  }
  return merged;
}

const en = flatten(loadLanguage('en'));
const zh = flatten(loadLanguage('zh-CN'));

test('every area file is imported by messages.ts and names its own area', () => {
  const messagesTs = fs.readFileSync(path.join(i18nDir, 'messages.ts'), 'utf8');
  for (const file of fs.readdirSync(path.join(i18nDir, 'areas'))) {
    assert.ok(messagesTs.includes(`'./areas/${file}'`), `${file} is not imported by messages.ts`);
    const area = file.split('.')[0]!;
    assert.deepEqual(Object.keys(load(path.join('areas', file))), [area], `${file} must hold only "${area}"`);
  }
});

test('zh-CN.json and en.json have exactly the same keys', () => {
  const onlyEn = [...en.keys()].filter((k) => !zh.has(k));
  const onlyZh = [...zh.keys()].filter((k) => !en.has(k));
  assert.deepEqual({ onlyEn, onlyZh }, { onlyEn: [], onlyZh: [] });
});

test('no translation is empty', () => {
  const empty = [...en, ...zh].filter(([, text]) => text.trim() === '').map(([key]) => key);
  assert.deepEqual(empty, []);
});

test('both languages use the same placeholders in each message', () => {
  const differing = [...en.keys()]
    .filter((k) => zh.has(k))
    .filter((k) => placeholders(en.get(k)!).join() !== placeholders(zh.get(k)!).join());
  assert.deepEqual(differing, []);
});

/** Product names stay the same in both languages. */
const SAME_IN_BOTH = new Set(['app.name']);

test('the Chinese file is actually Chinese where the English one is text', () => {
  // Messages that are only names, codes or placeholders may be the same in both languages.
  const untranslated = [...en.keys()].filter((k) => {
    if (SAME_IN_BOTH.has(k)) return false;
    const text = zh.get(k) ?? '';
    return (
      text === en.get(k) && /[a-z]{3,}/i.test(text.replace(/\{\{\w+\}\}/g, '')) && !/^[A-Z]{2,}$/.test(text)
    );
  });
  assert.deepEqual(untranslated, []);
});
