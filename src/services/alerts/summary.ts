// Open alerts for the dashboard, scoped to what the actor may see.
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { scoped } from './alerts.service.js';

export async function countOpenAlerts(
  ctx: ServiceContext,
  actor: Actor | null,
): Promise<{ total: number; bySeverity: Record<string, number> }> {
  authorize(actor, 'alerts.read');
  const rows = await scoped(
    ctx.db.kysely
      .selectFrom('alerts')
      .leftJoin('employees', 'employees.id', 'alerts.employee_id')
      .leftJoin('devices', 'devices.id', 'alerts.device_id')
      .leftJoin('sites', 'sites.id', 'alerts.site_id'),
    actor,
  )
    .select(['alerts.severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('alerts.status', 'in', ['open', 'acknowledged'])
    .groupBy('alerts.severity')
    .execute();
  const bySeverity: Record<string, number> = { info: 0, warning: 0, critical: 0 };
  for (const r of rows) bySeverity[r.severity] = Number(r.n);
  return { total: Object.values(bySeverity).reduce((a, b) => a + b, 0), bySeverity };
}
