// Helpers for the kiosk tests: a paired kiosk, an enrolled employee, punch requests as the kiosk sends them.
import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../helpers/server.js';
import { createEmployee, photo, photosForm, recordConsent } from './faces-fixtures.js';

export interface PairedKiosk {
  deviceId: number;
  token: string;
}

export async function pairKiosk(
  admin: ApiClient,
  body: { name: string; siteId?: number | null; direction?: 'in' | 'out' | 'both' },
): Promise<PairedKiosk> {
  const created = await admin.post('/api/devices', body);
  if (created.status !== 201)
    throw new Error(`create device: ${created.status} ${JSON.stringify(created.body)}`);
  const res = await fetch(`${admin.baseUrl}/api/kiosk/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: created.body.pairing.code }),
  });
  const paired = (await res.json()) as { token: string };
  if (res.status !== 200) throw new Error(`pair: ${res.status} ${JSON.stringify(paired)}`);
  return { deviceId: created.body.device.id, token: paired.token };
}

/** A call as the kiosk makes it: device token, no session. */
export async function kioskCall(baseUrl: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(baseUrl + url, {
    method,
    headers: {
      'x-device-token': token,
      'accept-language': 'en',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

export interface PunchOptions {
  method?: 'face' | 'pin' | 'qr';
  photo?: Buffer;
  key?: string;
  capturedAt?: Date;
  sentAt?: Date;
  challenge?: { kind: 'blink' | 'turn_left' | 'turn_right'; passed: boolean };
  employeeNo?: string;
  pin?: string;
  qr?: string;
}

export function punchBody(now: Date, o: PunchOptions) {
  return {
    method: o.method ?? 'face',
    idempotencyKey: o.key ?? randomUUID(),
    capturedAt: (o.capturedAt ?? now).toISOString(),
    sentAt: (o.sentAt ?? now).toISOString(),
    ...(o.photo ? { photo: o.photo.toString('base64') } : {}),
    ...(o.challenge ? { challenge: o.challenge } : {}),
    ...(o.employeeNo !== undefined ? { employeeNo: o.employeeNo } : {}),
    ...(o.pin !== undefined ? { pin: o.pin } : {}),
    ...(o.qr !== undefined ? { qr: o.qr } : {}),
  };
}

/** An employee with consent and a face enrolled from one shared photo. */
export async function enrolledEmployee(admin: ApiClient, employeeNo: string, name: string, file: string) {
  const id = await createEmployee(admin, employeeNo, name);
  await recordConsent(admin, id);
  const res = await admin.post(
    `/api/employees/${id}/faces`,
    photosForm([{ bytes: await photo(file), name: file }]),
  );
  if (res.status !== 200 || res.body.results?.[0]?.status !== 'enrolled') {
    throw new Error(`enroll ${file}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}
