// The ready message formats of the chat bots and the generic webhook, with their signatures, and the back-off.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { retryDelaySeconds } from '../../src/services/notify/types.js';
import {
  buildWebhookRequest,
  checkBotAnswer,
  type WebhookMessage,
} from '../../src/services/notify/webhooks.js';

const message: WebhookMessage = {
  kind: 'alert.impossible_travel',
  title: { en: 'Impossible travel', 'zh-CN': '不可能的移动' },
  body: { en: 'Shanghai → Beijing in 30 minutes', 'zh-CN': '30 分钟内上海 → 北京' },
  link: '/alerts/7',
  data: { alertId: 7 },
  at: '2026-03-16T01:00:00.000Z',
};
const NOW = Date.parse('2026-03-16T01:00:05.123Z');

test('WeCom: markdown in both languages with the console link', () => {
  const req = buildWebhookRequest(
    { kind: 'wecom', url: 'https://wecom.test/send?key=k', secret: null },
    message,
    NOW,
    'https://clock.example.com/',
  );
  assert.equal(req.url, 'https://wecom.test/send?key=k');
  const body = JSON.parse(req.body);
  assert.equal(body.msgtype, 'markdown');
  assert.match(body.markdown.content, /### 不可能的移动/);
  assert.match(body.markdown.content, /Shanghai → Beijing/);
  assert.match(body.markdown.content, /https:\/\/clock\.example\.com\/alerts\/7/);
});

test('DingTalk: timestamp and signature in the query, markdown title', () => {
  const req = buildWebhookRequest(
    { kind: 'dingtalk', url: 'https://ding.test/robot/send?access_token=t', secret: 'SEC1' },
    message,
    NOW,
  );
  const url = new URL(req.url);
  assert.equal(url.searchParams.get('timestamp'), String(NOW));
  const expected = createHmac('sha256', 'SEC1').update(`${NOW}\nSEC1`).digest('base64');
  assert.equal(url.searchParams.get('sign'), expected);
  assert.equal(JSON.parse(req.body).markdown.title, '不可能的移动');
});

test('Feishu: seconds timestamp and signature in the body, text message', () => {
  const req = buildWebhookRequest(
    { kind: 'feishu', url: 'https://feishu.test/hook/x', secret: 'fs' },
    message,
    NOW,
  );
  const body = JSON.parse(req.body);
  const seconds = Math.floor(NOW / 1000);
  assert.equal(body.timestamp, String(seconds));
  assert.equal(body.sign, createHmac('sha256', `${seconds}\nfs`).update('').digest('base64'));
  assert.equal(body.msg_type, 'text');
  assert.match(body.content.text, /不可能的移动[\s\S]*Impossible travel[\s\S]*\/alerts\/7/);
  // Without a secret there is no signature.
  assert.equal(
    'sign' in
      JSON.parse(
        buildWebhookRequest({ kind: 'feishu', url: 'https://f.test', secret: null }, message, NOW).body,
      ),
    false,
  );
});

test('generic webhook: JSON with the facts, HMAC-SHA256 over timestamp and body', () => {
  const req = buildWebhookRequest(
    { kind: 'webhook', url: 'https://hooks.test/in', secret: 'k' },
    message,
    NOW,
  );
  const ts = req.headers['x-faceclock-timestamp'];
  assert.equal(
    req.headers['x-faceclock-signature'],
    `sha256=${createHmac('sha256', 'k').update(`${ts}.${req.body}`).digest('hex')}`,
  );
  const body = JSON.parse(req.body);
  assert.deepEqual(body.data, { alertId: 7 });
  assert.equal(body.link, '/alerts/7');
});

test('bot answers: a non-zero code on HTTP 200 is a failure', () => {
  assert.equal(checkBotAnswer('wecom', 200, '{"errcode":0,"errmsg":"ok"}'), 'HTTP 200');
  assert.throws(
    () => checkBotAnswer('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}'),
    /93000/,
  );
  assert.throws(() => checkBotAnswer('feishu', 200, '{"code":19021,"msg":"sign match fail"}'), /19021/);
  assert.equal(checkBotAnswer('feishu', 200, '{"StatusCode":0}'), 'HTTP 200');
  assert.throws(() => checkBotAnswer('webhook', 502, 'bad gateway'), /HTTP 502/);
});

test('back-off doubles from 30 seconds and stops at an hour', () => {
  assert.deepEqual([1, 2, 3, 4, 8, 9, 20].map(retryDelaySeconds), [30, 60, 120, 240, 3600, 3600, 3600]);
});
