// Collects the live facts for the draft impact assessment and renders it as Markdown or PDF.
import { isRole, ROLES, type Role } from '../../core/access/roles.js';
import { deviceState } from '../../core/kiosk/device-status.js';
import { consentStanding } from '../../core/privacy/consent-notice.js';
import {
  type AssessmentFacts,
  impactAssessment,
  type Language,
  toMarkdown,
} from '../../core/privacy/impact-assessment.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { listBackups } from '../backup.service.js';
import { currentNotice } from '../consent/notices.service.js';
import type { ServiceContext } from '../context.js';
import { ensureFaceRuntime } from '../face/runtime.js';
import { readKioskSettings } from '../kiosk/settings.js';
import { createPdf } from '../pdf/index.js';
import { readRetention } from './retention-settings.js';

const count = (row: { n: unknown } | undefined) => Number(row?.n ?? 0);

export async function assessmentFacts(ctx: ServiceContext): Promise<AssessmentFacts> {
  const db = ctx.db.kysely;
  const rt = ensureFaceRuntime(ctx);
  const n = { n: db.fn.countAll<number>() };
  const [employees, active, templates, withTemplates, withPhotos, punches, evidence, attempts, pins, scans] =
    await Promise.all([
      db.selectFrom('employees').select(n.n.as('n')).executeTakeFirst(),
      db.selectFrom('employees').select(n.n.as('n')).where('status', '=', 'active').executeTakeFirst(),
      db.selectFrom('face_templates').select(n.n.as('n')).executeTakeFirst(),
      db
        .selectFrom('face_templates')
        .select((eb) => eb.fn.count<number>('employee_id').distinct().as('n'))
        .executeTakeFirst(),
      db.selectFrom('face_templates').select(n.n.as('n')).where('photo', 'is not', null).executeTakeFirst(),
      db.selectFrom('punches').select(n.n.as('n')).executeTakeFirst(),
      db.selectFrom('punches').select(n.n.as('n')).where('evidence', 'is not', null).executeTakeFirst(),
      db.selectFrom('punch_attempts').select(n.n.as('n')).executeTakeFirst(),
      db.selectFrom('employees').select(n.n.as('n')).where('pin_hash', 'is not', null).executeTakeFirst(),
      db
        .selectFrom('biometric_consents')
        .select(n.n.as('n'))
        .where('document', 'is not', null)
        .executeTakeFirst(),
    ]);
  const notice = await currentNotice(db);
  const consents = await db
    .selectFrom('biometric_consents')
    .select(['notice_version', 'withdrawn_at', 'superseded_at'])
    .execute();
  const consent = { noticeVersion: notice?.version ?? null, current: 0, needsRenewal: 0, withdrawn: 0 };
  for (const c of consents) {
    if (c.withdrawn_at) consent.withdrawn++;
    else if (!c.superseded_at) {
      if (consentStanding(c.notice_version, consent.noticeVersion) === 'current') consent.current++;
      else consent.needsRenewal++;
    }
  }
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('users.status', '=', 'active')
    .groupBy('role')
    .execute();
  const usersByRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const r of roles) if (isRole(r.role)) usersByRole[r.role] = Number(r.n);

  const settings = await readKioskSettings(db);
  const nowMs = ctx.now().getTime();
  const devices = await db
    .selectFrom('devices')
    .select(['site_id', 'status', 'last_seen_at'])
    .where('status', '!=', 'revoked')
    .execute();
  const sites = await db.selectFrom('sites').select(['id', 'name', 'time_zone']).orderBy('name').execute();
  const online = (d: (typeof devices)[number]) =>
    deviceState(
      d.status,
      d.last_seen_at ? Date.parse(d.last_seen_at) : null,
      nowMs,
      settings.offlineAfterMinutes * 60,
    ) === 'online';
  const backups = listBackups(ctx.config.backupDir);
  const holds = await db
    .selectFrom('legal_holds')
    .select((eb) => eb.fn.count<number>('employee_id').distinct().as('n'))
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return {
    generatedAt: new Date(nowMs).toISOString(),
    database: ctx.db.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite',
    retention: await readRetention(db),
    people: {
      employees: count(employees),
      active: count(active),
      withTemplates: count(withTemplates),
      templates: count(templates),
      withPhotos: count(withPhotos),
    },
    records: {
      punches: count(punches),
      evidenceCrops: count(evidence),
      attempts: count(attempts),
      pins: count(pins),
      consentScans: count(scans),
    },
    consent,
    keys: { currentKeyId: rt.keyring.current.id, keysInFile: rt.keyring.byId.size },
    backups: { count: backups.length, lastAt: backups[0]?.header.createdAt ?? null },
    usersByRole,
    sites: sites.map((s) => {
      const here = devices.filter((d) => d.site_id === s.id && d.status === 'active');
      return {
        name: s.name,
        timeZone: s.time_zone,
        devices: here.length,
        online: here.filter(online).length,
      };
    }),
    devices: {
      active: devices.filter((d) => d.status === 'active').length,
      pending: devices.filter((d) => d.status === 'pending').length,
    },
    legalHolds: count(holds),
    faceModel: `${rt.model.name} ${rt.model.version}`,
  };
}

export type AssessmentFormat = 'md' | 'pdf';

export async function impactAssessmentDocument(
  ctx: ServiceContext,
  actor: Actor | null,
  format: AssessmentFormat,
  language: Language,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  authorize(actor, 'privacy.read');
  const facts = await assessmentFacts(ctx);
  const blocks = impactAssessment(facts, language);
  const day = facts.generatedAt.slice(0, 10);
  let bytes: Buffer;
  if (format === 'md') bytes = Buffer.from(toMarkdown(blocks));
  else {
    const title = blocks[0].kind === 'heading' ? blocks[0].text : 'PIA';
    const pdf = createPdf({ title, language });
    for (const b of blocks) {
      if (b.kind === 'heading') pdf.heading(b.text, b.level);
      else if (b.kind === 'paragraph') pdf.paragraph(b.text);
      else pdf.table(b.columns, b.rows);
    }
    bytes = await pdf.toBuffer();
  }
  await audit(ctx, actor, {
    action: 'privacy.impact_assessment',
    targetType: 'impact_assessment',
    details: { format, language, peopleWithTemplates: facts.people.withTemplates },
  });
  return {
    filename: `impact-assessment-${day}-${language}.${format}`,
    contentType: format === 'md' ? 'text/markdown; charset=utf-8' : 'application/pdf',
    bytes,
  };
}
