// The employee's rotating QR punch code: signed with a key derived from the data key, so no secret is stored.
import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { AppError } from '../../core/errors.js';
import { issueQrCode, type QrVerdict, verifyQrCode } from '../../core/kiosk/qr-code.js';
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { ensureFaceRuntime } from '../face/runtime.js';
import { readKioskSettings } from './settings.js';

function signer(ctx: ServiceContext) {
  const dataKey = ensureFaceRuntime(ctx).keyring.current.key;
  const qrKey = createHmac('sha256', dataKey).update('faceclock-qr-punch-v1').digest();
  return (payload: string) => createHmac('sha256', qrKey).update(payload).digest('base64url').slice(0, 22);
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface PunchCodeDto {
  text: string;
  expiresAt: string;
  refreshAt: string;
  qrDataUrl: string;
}

export async function myPunchCode(ctx: ServiceContext, actor: Actor | null): Promise<PunchCodeDto> {
  authorize(actor, 'self.read');
  if (actor.employeeId === null) throw new AppError('no_linked_employee', 409);
  const employee = await ctx.db.kysely
    .selectFrom('employees')
    .select(['employee_no', 'status'])
    .where('id', '=', actor.employeeId)
    .executeTakeFirst();
  if (employee?.status !== 'active')
    throw new AppError('employee_inactive', 409, { employeeNo: employee?.employee_no ?? '' });
  const settings = await readKioskSettings(ctx.db.kysely);
  const code = issueQrCode(
    actor.employeeId,
    ctx.now().getTime(),
    { periodSeconds: settings.qrPeriodSeconds },
    signer(ctx),
  );
  return {
    text: code.text,
    expiresAt: new Date(code.expiresMs).toISOString(),
    refreshAt: new Date(code.refreshMs).toISOString(),
    qrDataUrl: await QRCode.toDataURL(code.text, { errorCorrectionLevel: 'M', margin: 2, width: 320 }),
  };
}

export async function checkPunchCode(
  ctx: ServiceContext,
  text: string,
  /** The kiosk settings, when the caller has read them already. */
  known?: { qrPeriodSeconds: number },
): Promise<QrVerdict> {
  const settings = known ?? (await readKioskSettings(ctx.db.kysely));
  return verifyQrCode(
    text,
    ctx.now().getTime(),
    { periodSeconds: settings.qrPeriodSeconds },
    signer(ctx),
    equal,
  );
}
