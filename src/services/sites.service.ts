// Sites (考勤地点): name, address, IANA time zone, optional coordinates.
import { AppError, conflict, invalid, notFound } from '../core/errors.js';
import { isValidTimeZone } from '../core/org/time-zone.js';
import type { SiteRow } from '../db/schema.js';
import type { Actor } from './actor.js';
import { writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';

export interface SiteDto {
  id: number;
  name: string;
  address: string | null;
  timeZone: string;
  latitude: number | null;
  longitude: number | null;
}

export interface SiteInput {
  name: string;
  address?: string | null;
  timeZone: string;
  latitude?: number | null;
  longitude?: number | null;
}

const toDto = (r: SiteRow): SiteDto => ({
  id: r.id,
  name: r.name,
  address: r.address,
  timeZone: r.time_zone,
  latitude: r.latitude,
  longitude: r.longitude,
});

function check(input: Partial<SiteInput>) {
  if (input.name !== undefined && input.name.trim() === '') throw invalid('name is required');
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    throw invalid(`unknown time zone ${input.timeZone}`);
  if (input.latitude != null && (input.latitude < -90 || input.latitude > 90))
    throw invalid('latitude must be within ±90');
  if (input.longitude != null && (input.longitude < -180 || input.longitude > 180))
    throw invalid('longitude must be within ±180');
  if (
    (input.latitude == null) !== (input.longitude == null) &&
    input.latitude !== undefined &&
    input.longitude !== undefined
  ) {
    throw invalid('give both latitude and longitude, or neither');
  }
}

export async function listSites(ctx: ServiceContext, actor: Actor | null): Promise<SiteDto[]> {
  authorize(actor, 'org.read');
  return (await ctx.db.kysely.selectFrom('sites').selectAll().orderBy('name').execute()).map(toDto);
}

export async function createSite(
  ctx: ServiceContext,
  actor: Actor | null,
  input: SiteInput,
): Promise<SiteDto> {
  authorize(actor, 'org.write');
  check(input);
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const dup = await trx
      .selectFrom('sites')
      .select('id')
      .where('name', '=', input.name.trim())
      .executeTakeFirst();
    if (dup) throw conflict(`a site named ${input.name} exists`);
    const row = await trx
      .insertInto('sites')
      .values({
        name: input.name.trim(),
        address: input.address ?? null,
        time_zone: input.timeZone,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: { action: 'site.create', targetType: 'site', targetId: row.id, details: { ...input } },
    };
  });
}

export async function updateSite(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<SiteInput>,
) {
  authorize(actor, 'org.write');
  check(patch);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .updateTable('sites')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
        ...(patch.latitude !== undefined ? { latitude: patch.latitude } : {}),
        ...(patch.longitude !== undefined ? { longitude: patch.longitude } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('site', id);
    return {
      result: toDto(row),
      audit: { action: 'site.update', targetType: 'site', targetId: id, details: { ...patch } },
    };
  });
}

export async function deleteSite(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'org.write');
  await writeWithAudit(ctx, actor, async (trx) => {
    const used = await trx
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(used.n) > 0)
      throw new AppError('has_dependents', 409, { what: 'site', count: Number(used.n) });
    const r = await trx.deleteFrom('sites').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('site', id);
    return { result: undefined, audit: { action: 'site.delete', targetType: 'site', targetId: id } };
  });
}
