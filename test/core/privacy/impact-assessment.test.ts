// The impact assessment document from facts, and its Markdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AssessmentFacts,
  FILING_THRESHOLD,
  impactAssessment,
  toMarkdown,
} from '../../../src/core/privacy/impact-assessment.js';
import { defaultRetention } from '../../../src/core/privacy/retention.js';

const facts = (withTemplates: number): AssessmentFacts => ({
  generatedAt: '2026-05-04T12:00:00.000Z',
  database: 'PostgreSQL',
  retention: defaultRetention,
  people: {
    employees: withTemplates + 10,
    active: withTemplates + 5,
    withTemplates,
    templates: withTemplates * 3,
    withPhotos: 0,
  },
  records: { punches: 100, evidenceCrops: 20, attempts: 4, pins: 2, consentScans: 1 },
  consent: { noticeVersion: 'v2', current: withTemplates, needsRenewal: 1, withdrawn: 2 },
  keys: { currentKeyId: 'abcd1234', keysInFile: 1 },
  backups: { count: 7, lastAt: '2026-05-04T02:30:00.000Z' },
  usersByRole: { admin: 1, hr: 2, manager: 3, auditor: 1, employee: 40 },
  sites: [{ name: 'Plant | North', timeZone: 'Asia/Shanghai', devices: 2, online: 1 }],
  devices: { active: 2, pending: 0 },
  legalHolds: 1,
  faceModel: 'dlib 1',
});

test('below the filing threshold the draft says how far below; at it, that a filing is required', () => {
  const below = toMarkdown(impactAssessment(facts(1200), 'zh-CN'));
  assert.match(below, /低于 100,000 人的备案门槛/);
  assert.match(below, /距门槛尚差 98800 人/);
  const at = toMarkdown(impactAssessment(facts(FILING_THRESHOLD), 'en'));
  assert.match(at, /filing threshold is reached/);
});

test('the roles table lists every role with its users and what it reaches', () => {
  const md = toMarkdown(impactAssessment(facts(5), 'en'));
  assert.match(
    md,
    /\| Manager \| 3 \| employee records; their own records; punches \(managers: their departments\)/,
  );
  assert.match(md, /\| Employee \| 40 \| their own records \|/);
  assert.doesNotMatch(md, /\| Manager \|[^\n]*audit log/);
});

test('Markdown tables escape a pipe in a cell; every section heading is there', () => {
  const md = toMarkdown(impactAssessment(facts(5), 'en'));
  assert.match(md, /\| Plant \\\| North \| Asia\/Shanghai \| 2 \| 1 \|/);
  const headings = md.split('\n').filter((l) => l.startsWith('## '));
  assert.equal(headings.length, 10);
  assert.ok(md.startsWith('# Personal information protection impact assessment (draft)\n'));
});

test('the storage section names everything kept encrypted, attachments of requests and appeals included', () => {
  const zh = toMarkdown(impactAssessment(facts(10), 'zh-CN'));
  assert.match(zh, /人脸模板、照片、证据截图、同意书扫描件和申请、申诉的附件以 AES-256-GCM 加密/);
  const en = toMarkdown(impactAssessment(facts(10), 'en'));
  assert.match(en, /scanned consent papers and the files attached to requests and appeals are encrypted/);
});
