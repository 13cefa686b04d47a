// Reading and changing the attendance settings (approval chains, 补卡 quota and deadline, …).
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { type AttendanceSettings, checkSettings, readSettings, writeSettings } from './settings.js';

export async function getAttendanceSettings(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'attendance.read');
  return readSettings(ctx.db.kysely);
}

export async function updateAttendanceSettings(
  ctx: ServiceContext,
  actor: Actor | null,
  patch: Partial<AttendanceSettings>,
): Promise<AttendanceSettings> {
  authorize(actor, 'attendance.configure');
  const current = await readSettings(ctx.db.kysely);
  const next: AttendanceSettings = {
    ...current,
    ...patch,
    approvalChains: { ...current.approvalChains, ...(patch.approvalChains ?? {}) },
  };
  checkSettings(next);
  return writeWithAudit(ctx, actor, async (trx) => {
    await writeSettings(trx, next, nowIso(ctx));
    return {
      result: next,
      audit: {
        action: 'attendance.settings',
        targetType: 'settings',
        targetId: 'attendance',
        details: { ...patch },
      },
    };
  });
}
