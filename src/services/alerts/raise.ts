// Turning findings into alerts: one alert per finding key (raised again, it is the same alert), its 'opened'
// history entry, and the notices, e-mails and webhook messages its routing asks for.
import { describeAlert } from '../../core/anomaly/describe.js';
import type { RoutingSettings } from '../../core/anomaly/routing.js';
import type { Finding } from '../../core/anomaly/types.js';
import { nowIso, type ServiceContext } from '../context.js';
import { notifyEmployees, notifyUsers } from '../notify/index.js';
import { enqueue, kickDelivery } from '../notify/outbox.js';
import { staffRecipients } from './recipients.js';

/** Inserts the alerts that are new; returns their ids. Notifications follow each new alert. */
export async function raiseFindings(
  ctx: ServiceContext,
  findings: readonly Finding[],
  routing: RoutingSettings,
): Promise<number[]> {
  const raised: number[] = [];
  for (const f of findings) {
    const at = nowIso(ctx);
    const id = await ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('alerts')
        .values({
          kind: f.kind,
          severity: f.severity,
          status: 'open',
          employee_id: f.employeeId ?? null,
          device_id: f.deviceId ?? null,
          site_id: f.siteId ?? null,
          dedupe_key: f.key,
          details: JSON.stringify(f.details),
          evidence: JSON.stringify(f.evidence),
          occurred_at: new Date(f.occurredAt).toISOString(),
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return null;
      await trx
        .insertInto('alert_events')
        .values({
          alert_id: row.id,
          at,
          actor_user_id: null,
          actor_name: 'system',
          action: 'opened',
          status: 'open',
          note: null,
        })
        .execute();
      return row.id;
    });
    if (id === null) continue;
    raised.push(id);
    try {
      await routeAlert(ctx, id, f, routing);
    } catch (error) {
      ctx.log.error({ err: error, alertId: id }, 'alert notification failed');
    }
  }
  return raised;
}

async function routeAlert(ctx: ServiceContext, alertId: number, f: Finding, routing: RoutingSettings) {
  const rule = routing.routes[f.kind];
  if (!rule) return;
  const db = ctx.db.kysely;
  const employee = f.employeeId
    ? await db
        .selectFrom('employees')
        .select(['id', 'name', 'employee_no', 'department_id'])
        .where('id', '=', f.employeeId)
        .executeTakeFirst()
    : undefined;
  const device = f.deviceId
    ? await db.selectFrom('devices').select(['name']).where('id', '=', f.deviceId).executeTakeFirst()
    : undefined;
  const text = describeAlert({
    kind: f.kind,
    severity: f.severity,
    details: f.details,
    employeeName: employee ? `${employee.name} (${employee.employee_no})` : null,
    deviceName: device?.name ?? null,
  });
  const staff = await staffRecipients(
    db,
    rule.recipients,
    employee?.department_id ?? null,
    routing.securityUserIds,
  );
  if (staff.length > 0) {
    await notifyUsers(ctx, staff, {
      kind: `alert.${f.kind}`,
      title: text.title,
      body: text.body,
      link: `/alerts/${alertId}`,
      email: rule.email,
    });
  }
  if (employee && rule.recipients.includes('employee')) {
    await notifyEmployees(ctx, [employee.id], {
      kind: `alert.${f.kind}`,
      title: text.title,
      body: {
        en: `${text.body.en} If this is wrong, you can request a correction or file an appeal.`,
        'zh-CN': `${text.body['zh-CN']} 如有异议，可申请补卡或提出申诉。`,
      },
      link: '/me/appeals',
      email: rule.email,
    });
  }
  if (rule.channels.length > 0) {
    const channels = await db
      .selectFrom('notify_channels')
      .select('id')
      .where('id', 'in', rule.channels)
      .where('enabled', '=', 1)
      .execute();
    const at = nowIso(ctx);
    for (const c of channels) {
      await enqueue(db, at, {
        channel: 'webhook',
        channelId: c.id,
        kind: `alert.${f.kind}`,
        summary: text.title.en,
        payload: {
          kind: `alert.${f.kind}`,
          title: text.title,
          body: text.body,
          link: `/alerts/${alertId}`,
          data: {
            alertId,
            kind: f.kind,
            severity: f.severity,
            employeeId: f.employeeId ?? null,
            deviceId: f.deviceId ?? null,
            occurredAt: new Date(f.occurredAt).toISOString(),
          },
          at,
        },
      });
    }
    if (channels.length > 0) kickDelivery(ctx);
  }
}
