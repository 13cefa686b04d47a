// The encrypted store of face templates and enrollment photos (table face_templates). Every vector and photo is
// sealed with AES-256-GCM, bound to its row ("face_template:<id>", "face_photo:<id>"), so a sealed value copied
// to another row does not open. Plaintext never reaches the database.
import type { Kysely } from 'kysely';
import type { Database, FaceTemplatesTable } from '../../db/schema.js';
import type { Keyring } from '../crypto/keyring.js';
import { open, openFloats, seal, sealFloats } from '../crypto/seal.js';
import type { QualitySummary } from './analyzer.js';

export const templatePurpose = (id: number) => `face_template:${id}`;
export const photoPurpose = (id: number) => `face_photo:${id}`;

export type TemplateSource = FaceTemplatesTable['source'];

export interface NewTemplate {
  employeeId: number;
  model: string;
  modelVersion: string;
  vector: Float32Array;
  quality: QualitySummary;
  source: TemplateSource;
  /** The enrollment photo, kept (sealed) only when the setting says so. */
  photo: Uint8Array | null;
  createdAt: string;
  createdByUserId: number | null;
}

/** Inserts one template; the row id is needed for the seal's purpose, so the sealed values are written second. */
export async function insertTemplate(
  trx: Kysely<Database>,
  keyring: Keyring,
  t: NewTemplate,
): Promise<number> {
  const { id } = await trx
    .insertInto('face_templates')
    .values({
      employee_id: t.employeeId,
      model: t.model,
      model_version: t.modelVersion,
      template: Buffer.alloc(0),
      quality: JSON.stringify(t.quality),
      source: t.source,
      photo: null,
      created_at: t.createdAt,
      created_by_user_id: t.createdByUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('face_templates')
    .set({
      template: sealFloats(keyring, t.vector, templatePurpose(id)),
      photo: t.photo ? seal(keyring, t.photo, photoPurpose(id)) : null,
    })
    .where('id', '=', id)
    .execute();
  return id;
}

export interface TemplateMeta {
  id: number;
  employeeId: number;
  model: string;
  modelVersion: string;
  source: TemplateSource;
  quality: QualitySummary;
  hasPhoto: boolean;
  createdAt: string;
  createdByUserId: number | null;
}

export async function templatesOfEmployee(db: Kysely<Database>, employeeId: number): Promise<TemplateMeta[]> {
  const rows = await db
    .selectFrom('face_templates')
    .select((eb) => [
      'id',
      'employee_id',
      'model',
      'model_version',
      'source',
      'quality',
      'created_at',
      'created_by_user_id',
      eb('photo', 'is not', null).as('has_photo'),
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    employeeId: r.employee_id,
    model: r.model,
    modelVersion: r.model_version,
    source: r.source,
    quality: JSON.parse(r.quality) as QualitySummary,
    hasPhoto: Boolean(r.has_photo),
    createdAt: r.created_at,
    createdByUserId: r.created_by_user_id,
  }));
}

/** Deletes templates (and their photos) of one employee: all, or the listed ids. Returns the ids removed. */
export async function deleteTemplates(
  trx: Kysely<Database>,
  employeeId: number,
  ids?: readonly number[],
): Promise<number[]> {
  if (ids && ids.length === 0) return [];
  let q = trx.deleteFrom('face_templates').where('employee_id', '=', employeeId);
  if (ids) q = q.where('id', 'in', [...ids]);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Every template's identity, without the sealed bytes: what the index compares itself with. */
export async function listTemplateKeys(db: Kysely<Database>) {
  return db
    .selectFrom('face_templates')
    .select(['id', 'employee_id', 'model', 'model_version'])
    .orderBy('id')
    .execute();
}

/** Counts and the newest id: two numbers that change whenever any template is added or removed. */
export async function templateStamp(db: Kysely<Database>): Promise<{ count: number; maxId: number }> {
  const row = await db
    .selectFrom('face_templates')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max_id')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), maxId: Number(row.max_id ?? 0) };
}

/** Opens the vectors of the given templates, in pages. Rows that no longer open are reported, not thrown. */
export async function openTemplates(
  db: Kysely<Database>,
  keyring: Keyring,
  ids: readonly number[],
  each: (row: { id: number; employeeId: number; vector: Float32Array }) => void,
): Promise<{ unreadable: number[] }> {
  const unreadable: number[] = [];
  const pageSize = 500;
  for (let i = 0; i < ids.length; i += pageSize) {
    const page = ids.slice(i, i + pageSize);
    const rows = await db
      .selectFrom('face_templates')
      .select(['id', 'employee_id', 'template'])
      .where('id', 'in', page)
      .execute();
    for (const r of rows) {
      try {
        each({
          id: r.id,
          employeeId: r.employee_id,
          vector: openFloats(keyring, r.template, templatePurpose(r.id)),
        });
      } catch {
        unreadable.push(r.id);
      }
    }
  }
  return { unreadable };
}

export function openPhoto(keyring: Keyring, id: number, sealed: Uint8Array): Buffer {
  return open(keyring, sealed, photoPurpose(id));
}
