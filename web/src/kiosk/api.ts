// The kiosk's calls to the server: its device token (kept in this browser; the server keeps only its hash) in
// x-device-token, the kiosk's language for messages. A network failure or a 5xx is "offline", so the punch is
// queued and replayed later.

const TOKEN_KEY = 'faceclock.kiosk.token';

export const deviceToken = () => localStorage.getItem(TOKEN_KEY);
export const saveDeviceToken = (token: string) => localStorage.setItem(TOKEN_KEY, token);
export const forgetDeviceToken = () => localStorage.removeItem(TOKEN_KEY);

export class OfflineError extends Error {
  constructor(message = 'offline') {
    super(message);
    this.name = 'OfflineError';
  }
}

export class KioskHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KioskHttpError';
  }
}

let language = 'en';
export const setApiLanguage = (lang: string) => {
  language = lang;
};

export async function kioskFetch<T>(method: string, url: string, body?: unknown): Promise<T> {
  const token = deviceToken();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        'x-locale': language,
        ...(token ? { 'x-device-token': token } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new OfflineError();
  }
  // A busy server (5xx) or a rate limit (429): keep the punch queued and send it again later.
  if (res.status >= 500 || res.status === 429) throw new OfflineError(`server answered ${res.status}`);
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) throw new KioskHttpError(res.status, data.code ?? 'error', data.message ?? res.statusText);
  return data as T;
}

export interface KioskConfig {
  device: { id: number; name: string; direction: 'in' | 'out' | 'both' };
  site: { id: number; name: string; timeZone: string } | null;
  serverTime: string;
  heartbeatSeconds: number;
  challengeMode: 'always' | 'uncertain';
  sureAntispoof: number;
  sureLiveness: number;
  repeatWindowMinutes: number;
  quality: Record<string, number>;
}

export interface PunchRequest {
  method: 'face' | 'pin' | 'qr';
  idempotencyKey: string;
  capturedAt: string;
  sentAt: string;
  photo?: string;
  clientScores?: { antispoof?: number | null; liveness?: number | null; detection?: number | null };
  challenge?: { kind: 'blink' | 'turn_left' | 'turn_right'; passed: boolean } | null;
  employeeNo?: string;
  pin?: string;
  qr?: string;
  /** Replayed from the offline queue: the person is gone, so the server cannot ask for a challenge. */
  fromQueue?: boolean;
}

export interface PunchResponse {
  outcome: 'recorded' | 'repeat' | 'unknown' | 'refused' | 'challenge';
  code: string | null;
  message: string | null;
  replayed: boolean;
  employee: { id: number; employeeNo: string; name: string } | null;
  punch: { id: number; at: string; direction: 'in' | 'out'; method: string; flags: string[] } | null;
  attendance: { date: string; statuses: string[]; lateMinutes: number; earlyLeaveMinutes: number } | null;
}

export const sendPunch = (body: PunchRequest) =>
  kioskFetch<PunchResponse>('POST', '/api/kiosk/punches', { ...body, sentAt: new Date().toISOString() });
