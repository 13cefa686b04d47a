// The rotating QR punch code (二维码打卡) on an employee's self-service page. The text is
// "FCQ1.<employee id>.<step>.<signature>", where the step counts periods of `periodSeconds` since the epoch and
// the signature is an HMAC of the rest made by the server (the function is passed in: core does no crypto).
// A code is accepted in its own period and the one after, so a code shown just before a rotation still scans.

export const QR_PREFIX = 'FCQ1';

export interface QrRules {
  periodSeconds: number;
}

export type Signer = (payload: string) => string;

export interface QrCode {
  text: string;
  /** Epoch ms after which the kiosk no longer accepts it. */
  expiresMs: number;
  /** Epoch ms at which the page should show the next one. */
  refreshMs: number;
}

const stepOf = (ms: number, rules: QrRules) => Math.floor(ms / (rules.periodSeconds * 1000));

export function issueQrCode(employeeId: number, nowMs: number, rules: QrRules, sign: Signer): QrCode {
  const step = stepOf(nowMs, rules);
  const payload = `${QR_PREFIX}.${employeeId}.${step}`;
  const periodMs = rules.periodSeconds * 1000;
  return {
    text: `${payload}.${sign(payload)}`,
    refreshMs: (step + 1) * periodMs,
    expiresMs: (step + 2) * periodMs,
  };
}

export type QrVerdict =
  | { ok: true; employeeId: number; step: number }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' };

/** Checks a scanned code; `equal` compares signatures in constant time. */
export function verifyQrCode(
  text: string,
  nowMs: number,
  rules: QrRules,
  sign: Signer,
  equal: (a: string, b: string) => boolean,
): QrVerdict {
  const m = /^FCQ1\.([1-9]\d{0,9})\.(\d{1,12})\.([A-Za-z0-9_-]{16,128})$/.exec(text.trim());
  if (!m) return { ok: false, reason: 'malformed' };
  const payload = `${QR_PREFIX}.${m[1]}.${m[2]}`;
  if (!equal(sign(payload), m[3])) return { ok: false, reason: 'bad_signature' };
  const step = Number(m[2]);
  const now = stepOf(nowMs, rules);
  if (step > now) return { ok: false, reason: 'not_yet_valid' };
  if (step < now - 1) return { ok: false, reason: 'expired' };
  return { ok: true, employeeId: Number(m[1]), step };
}
