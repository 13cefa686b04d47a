// Separate biometric consent (单独同意, PIPL art. 29): recorded by HR (signed paper, optionally scanned and
// sealed) or accepted by the employee in self-service. A face can be enrolled only under an active consent;
// withdrawing it deletes that employee's templates and photos at once. A consent names the notice version
// (告知书版本) it was given to; once notices are published only a published version is accepted, and accepting
// a newer version supersedes the earlier consent (renewal) without touching face data.
import type { Kysely } from 'kysely';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { BiometricConsentsTable, Database, EmployeeRow } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { publishedNoticeVersions } from '../consent/notices.service.js';
import { nowIso, type ServiceContext } from '../context.js';
import { open, seal } from '../crypto/seal.js';
import { employeeInScope, parseId } from './employee-target.js';
import { ensureFaceRuntime } from './runtime.js';
import { deleteTemplates } from './template-store.js';

export type ConsentMethod = BiometricConsentsTable['method'];

export interface ConsentDto {
  id: number;
  employeeId: number;
  noticeVersion: string;
  method: ConsentMethod;
  acceptedAt: string;
  recordedByUserId: number | null;
  hasDocument: boolean;
  withdrawnAt: string | null;
  withdrawnByUserId: number | null;
  /** When a consent to a newer notice version replaced this one. */
  supersededAt: string | null;
  active: boolean;
}

export interface ConsentInput {
  noticeVersion: string;
  method: ConsentMethod;
  /** When the employee signed or accepted; defaults to now. */
  acceptedAt?: string;
  document?: { bytes: Uint8Array; filename?: string };
}

const documentPurpose = (id: number) => `consent_document:${id}`;

type ConsentRow = {
  id: number;
  employee_id: number;
  notice_version: string;
  method: ConsentMethod;
  accepted_at: string;
  recorded_by_user_id: number | null;
  has_document: unknown;
  withdrawn_at: string | null;
  withdrawn_by_user_id: number | null;
  superseded_at: string | null;
};

const toDto = (r: ConsentRow): ConsentDto => ({
  id: r.id,
  employeeId: r.employee_id,
  noticeVersion: r.notice_version,
  method: r.method,
  acceptedAt: r.accepted_at,
  recordedByUserId: r.recorded_by_user_id,
  hasDocument: Boolean(r.has_document),
  withdrawnAt: r.withdrawn_at,
  withdrawnByUserId: r.withdrawn_by_user_id,
  supersededAt: r.superseded_at,
  active: r.withdrawn_at === null && r.superseded_at === null,
});

async function consentRows(db: Kysely<Database>, employeeId: number): Promise<ConsentRow[]> {
  return db
    .selectFrom('biometric_consents')
    .select((eb) => [
      'id',
      'employee_id',
      'notice_version',
      'method',
      'accepted_at',
      'recorded_by_user_id',
      eb('document', 'is not', null).as('has_document'),
      'withdrawn_at',
      'withdrawn_by_user_id',
      'superseded_at',
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('id', 'desc')
    .execute();
}

/** The employee's consent in force, if any. */
export async function activeConsent(db: Kysely<Database>, employeeId: number): Promise<ConsentDto | null> {
  const rows = await consentRows(db, employeeId);
  const row = rows.find((r) => r.withdrawn_at === null && r.superseded_at === null);
  return row ? toDto(row) : null;
}

/** Every consent of one employee, newest first (no access check: for services that have done it). */
export async function getConsentHistory(db: Kysely<Database>, employeeId: number): Promise<ConsentDto[]> {
  return (await consentRows(db, employeeId)).map(toDto);
}

export async function getConsent(ctx: ServiceContext, actor: Actor | null, employeeId: number) {
  authorize(actor, 'consent.read');
  await employeeInScope(ctx.db.kysely, actor, employeeId);
  const history = (await consentRows(ctx.db.kysely, employeeId)).map(toDto);
  await audit(ctx, actor, { action: 'consent.read', targetType: 'employee', targetId: employeeId });
  return { employeeId, active: history.find((c) => c.active) ?? null, history };
}

/** What a scanned paper may be: PDF or an image, recognised by its first bytes. */
export function documentType(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.subarray(0, 12));
  if (b.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

export async function recordConsent(
  ctx: ServiceContext,
  actor: Actor | null,
  employeeId: number,
  input: ConsentInput,
): Promise<ConsentDto> {
  authorize(actor, 'consent.write');
  const employee = await employeeInScope(ctx.db.kysely, actor, employeeId);
  return saveConsent(ctx, actor, employee, input);
}

/** Records a consent for an employee the caller has already been authorised for (HR, or the employee). */
export async function saveConsent(
  ctx: ServiceContext,
  actor: Actor,
  employee: Pick<EmployeeRow, 'id' | 'employee_no'>,
  input: ConsentInput,
): Promise<ConsentDto> {
  const employeeId = employee.id;
  const noticeVersion = input.noticeVersion.trim();
  if (!noticeVersion || noticeVersion.length > 64) throw invalid('noticeVersion: 1–64 characters');
  if (input.method !== 'hr_paper' && input.method !== 'self_service')
    throw invalid('method must be hr_paper or self_service');
  const now = nowIso(ctx);
  let acceptedAt = now;
  if (input.acceptedAt) {
    const t = Date.parse(input.acceptedAt);
    if (Number.isNaN(t)) throw invalid('acceptedAt is not a date');
    if (t > ctx.now().getTime() + 60_000) throw invalid('acceptedAt is in the future');
    acceptedAt = new Date(t).toISOString();
  }
  let docType: string | null = null;
  if (input.document) {
    if (input.method !== 'hr_paper') throw invalid('a scanned document goes with method hr_paper');
    docType = documentType(input.document.bytes);
    if (!docType)
      throw new AppError('unsupported_file', 415, { type: input.document.filename ?? 'document' });
  }
  const keyring = ensureFaceRuntime(ctx).keyring;
  return writeWithAudit(ctx, actor, async (trx) => {
    const published = await publishedNoticeVersions(trx);
    if (published.length > 0 && !published.includes(noticeVersion))
      throw new AppError('notice_not_current', 409, { version: noticeVersion });
    const earlier = await activeConsent(trx, employeeId);
    if (earlier && earlier.noticeVersion === noticeVersion) {
      throw new AppError('consent_exists', 409, { employeeNo: employee.employee_no });
    }
    if (earlier) {
      // Renewal under another notice version: the earlier consent ends, the face data stays.
      await trx
        .updateTable('biometric_consents')
        .set({ superseded_at: now })
        .where('id', '=', earlier.id)
        .execute();
    }
    const { id } = await trx
      .insertInto('biometric_consents')
      .values({
        employee_id: employeeId,
        notice_version: noticeVersion,
        method: input.method,
        accepted_at: acceptedAt,
        recorded_by_user_id: actor.userId,
        document: null,
        withdrawn_at: null,
        withdrawn_by_user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.document && docType) {
      const plain = Buffer.concat([Buffer.from(`${docType}\n`), Buffer.from(input.document.bytes)]);
      await trx
        .updateTable('biometric_consents')
        .set({ document: seal(keyring, plain, documentPurpose(id)) })
        .where('id', '=', id)
        .execute();
    }
    const row = (await consentRows(trx, employeeId)).find((r) => r.id === id)!;
    return {
      result: toDto(row),
      audit: {
        action: 'consent.record',
        targetType: 'employee',
        targetId: employeeId,
        details: {
          consentId: id,
          noticeVersion,
          method: input.method,
          acceptedAt,
          document: docType,
          ...(earlier ? { supersedes: earlier.id, previousVersion: earlier.noticeVersion } : {}),
        },
      },
    };
  });
}

/** Withdraws the active consent and deletes every template and photo of the employee in the same transaction. */
export async function withdrawConsent(ctx: ServiceContext, actor: Actor | null, employeeId: number) {
  authorize(actor, 'consent.write');
  const employee = await employeeInScope(ctx.db.kysely, actor, employeeId);
  return withdrawFor(ctx, actor, employee);
}

/** Withdraws for an employee the caller has already been authorised for (HR, or the employee). */
export async function withdrawFor(
  ctx: ServiceContext,
  actor: Actor,
  employee: Pick<EmployeeRow, 'id' | 'employee_no'>,
) {
  const employeeId = employee.id;
  const now = nowIso(ctx);
  const outcome = await writeWithAudit(ctx, actor, async (trx) => {
    const consent = await activeConsent(trx, employeeId);
    if (!consent) throw new AppError('consent_not_active', 409, { employeeNo: employee.employee_no });
    await trx
      .updateTable('biometric_consents')
      .set({ withdrawn_at: now, withdrawn_by_user_id: actor.userId })
      .where('id', '=', consent.id)
      .execute();
    const deleted = await deleteTemplates(trx, employeeId);
    return {
      result: { consentId: consent.id, deleted },
      audit: {
        action: 'consent.withdraw',
        targetType: 'employee',
        targetId: employeeId,
        details: { consentId: consent.id, templatesDeleted: deleted.length },
      },
    };
  });
  ctx.face?.removed(outcome.deleted);
  const rows = await consentRows(ctx.db.kysely, employeeId);
  return {
    consent: toDto(rows.find((r) => r.id === outcome.consentId)!),
    templatesDeleted: outcome.deleted.length,
  };
}

export async function consentDocument(
  ctx: ServiceContext,
  actor: Actor | null,
  employeeId: number,
  consentIdText: string,
): Promise<{ contentType: string; bytes: Buffer }> {
  authorize(actor, 'consent.read');
  await employeeInScope(ctx.db.kysely, actor, employeeId);
  const consentId = parseId(consentIdText, 'consent');
  const row = await ctx.db.kysely
    .selectFrom('biometric_consents')
    .select(['id', 'document'])
    .where('id', '=', consentId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  if (!row?.document) throw notFound('consent document', consentId);
  const keyring = ensureFaceRuntime(ctx).keyring;
  const plain = open(keyring, row.document, documentPurpose(consentId));
  const newline = plain.indexOf(0x0a);
  await audit(ctx, actor, {
    action: 'consent.document.read',
    targetType: 'employee',
    targetId: employeeId,
    details: { consentId },
  });
  return { contentType: plain.subarray(0, newline).toString('latin1'), bytes: plain.subarray(newline + 1) };
}
