// Files attached to requests and appeals (a doctor's note for sick leave is health data): checked against the
// size limit, named safely, and sealed with the data keyring, bound to their table and row
// (`request_attachments:42`), so key rotation re-encrypts them (crypto/sealed-columns.ts). Rows stored before
// migration 0015 hold the file as sent (`sealed` = 0): they still download, and `sealPlaintextAttachments` (run at
// server start) seals them.
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import { systemActor } from '../actor.js';
import { readSettings } from '../attendance/settings.js';
import { audit } from '../audit.service.js';
import type { ServiceContext } from '../context.js';
import { open, seal } from '../crypto/seal.js';
import { ensureFaceRuntime } from '../face/runtime.js';

export type AttachmentTable = 'request_attachments' | 'appeal_attachments';
export const ATTACHMENT_TABLES: readonly AttachmentTable[] = ['request_attachments', 'appeal_attachments'];

/** What a sealed attachment is bound to: its table and row. */
export const attachmentPurpose = (table: AttachmentTable, id: number) => `${table}:${id}`;

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** An upload within the size limit (attendance settings), with a file name safe for a download header. */
export async function checkUpload(db: Kysely<Database>, file: UploadedFile): Promise<UploadedFile> {
  const { attachmentMaxMb } = await readSettings(db);
  if (file.data.length > attachmentMaxMb * 1024 * 1024)
    throw new AppError('attachment_too_large', 413, { maxMb: attachmentMaxMb });
  if (file.data.length === 0) throw invalid('the file is empty');
  const fileName =
    [...file.fileName]
      .map((c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
      .join('')
      .slice(0, 200) || 'attachment';
  return { fileName, contentType: file.contentType || 'application/octet-stream', data: file.data };
}

export type AttachmentOwner = { request_id: number } | { appeal_id: number };

/**
 * Stores a checked upload sealed, in the caller's transaction; returns the new row's id. The row is written
 * first (its id is part of what the file is bound to), then its sealed content.
 */
export async function storeAttachment(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  owner: AttachmentOwner,
  file: UploadedFile,
  meta: { createdAt: string; createdByUserId: number | null },
): Promise<number> {
  const keyring = ensureFaceRuntime(ctx).keyring;
  const values = {
    file_name: file.fileName,
    content_type: file.contentType,
    size: file.data.length,
    data: Buffer.alloc(0),
    sealed: 1,
    created_at: meta.createdAt,
    created_by_user_id: meta.createdByUserId,
  };
  const table: AttachmentTable = 'request_id' in owner ? 'request_attachments' : 'appeal_attachments';
  const { id } =
    'request_id' in owner
      ? await trx
          .insertInto('request_attachments')
          .values({ ...values, request_id: owner.request_id })
          .returning('id')
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('appeal_attachments')
          .values({ ...values, appeal_id: owner.appeal_id })
          .returning('id')
          .executeTakeFirstOrThrow();
  await trx
    .updateTable(table)
    .set({ data: seal(keyring, file.data, attachmentPurpose(table, id)) })
    .where('id', '=', id)
    .execute();
  return id;
}

/** The content of a stored attachment as it was uploaded: opened when sealed, as stored when not (yet). */
export function attachmentContent(
  ctx: ServiceContext,
  table: AttachmentTable,
  row: { id: number; data: Uint8Array; sealed: number },
): Buffer {
  if (!row.sealed) return Buffer.from(row.data);
  return open(ensureFaceRuntime(ctx).keyring, row.data, attachmentPurpose(table, row.id));
}

/**
 * Seals the attachments stored before migration 0015, `batchSize` rows at a time; each update applies only
 * where the row is still unsealed, so servers starting together do not seal a file twice. Audited once, with
 * the count, when there was anything to seal. Returns how many rows this call sealed.
 */
export async function sealPlaintextAttachments(
  ctx: ServiceContext,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 10;
  const keyring = ensureFaceRuntime(ctx).keyring;
  const db = ctx.db.kysely;
  const counts: Partial<Record<AttachmentTable, number>> = {};
  for (const table of ATTACHMENT_TABLES) {
    let lastId = 0;
    for (;;) {
      const rows = await db
        .selectFrom(table)
        .select(['id', 'data'])
        .where('sealed', '=', 0)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1].id;
      const sealed = await db.transaction().execute(async (trx) => {
        let n = 0;
        for (const r of rows) {
          const result = await trx
            .updateTable(table)
            .set({ data: seal(keyring, r.data, attachmentPurpose(table, r.id)), sealed: 1 })
            .where('id', '=', r.id)
            .where('sealed', '=', 0)
            .executeTakeFirst();
          n += Number(result.numUpdatedRows);
        }
        return n;
      });
      if (sealed > 0) counts[table] = (counts[table] ?? 0) + sealed;
    }
  }
  const total = (counts.request_attachments ?? 0) + (counts.appeal_attachments ?? 0);
  if (total > 0) {
    await audit(ctx, systemActor('startup'), {
      action: 'attachments.seal',
      targetType: 'attachment',
      targetId: null,
      details: { sealed: total, ...counts },
    });
    ctx.log.info({ sealed: total, ...counts }, 'attachments stored before encryption are now sealed');
  }
  return total;
}
