// What the status page warns about (应急预案 / emergency plan, policy §7): rules over plain figures, the clock
// passed in.

export type StatusLevel = 'ok' | 'warning' | 'error';

export interface StatusFigures {
  databaseOk: boolean;
  /** The newest backup's time, or null when there is none. */
  lastBackupAt: string | null;
  /** A backup older than this many hours is a warning (the backup runs daily). */
  backupMaxAgeHours: number;
  /** The latest run of each job. */
  jobs: { job: string; status: 'running' | 'ok' | 'failed' }[];
  devices: { online: number; offline: number };
  unreadableTemplates: number;
  /** Values sealed under a key that is not the current one (a rotation not finished). */
  keysInFile: number;
}

export interface StatusWarning {
  code:
    | 'database_down'
    | 'no_backup'
    | 'backup_old'
    | 'job_failed'
    | 'devices_offline'
    | 'templates_unreadable'
    | 'rotation_pending';
  level: StatusLevel;
  params: Record<string, string | number>;
}

export function statusWarnings(f: StatusFigures, nowMs: number): StatusWarning[] {
  const out: StatusWarning[] = [];
  if (!f.databaseOk) out.push({ code: 'database_down', level: 'error', params: {} });
  if (f.lastBackupAt === null) out.push({ code: 'no_backup', level: 'warning', params: {} });
  else {
    const hours = Math.floor((nowMs - Date.parse(f.lastBackupAt)) / 3_600_000);
    if (hours > f.backupMaxAgeHours) out.push({ code: 'backup_old', level: 'warning', params: { hours } });
  }
  for (const j of f.jobs)
    if (j.status === 'failed') out.push({ code: 'job_failed', level: 'warning', params: { job: j.job } });
  if (f.devices.offline > 0)
    out.push({ code: 'devices_offline', level: 'warning', params: { count: f.devices.offline } });
  if (f.unreadableTemplates > 0)
    out.push({ code: 'templates_unreadable', level: 'error', params: { count: f.unreadableTemplates } });
  if (f.keysInFile > 1)
    out.push({ code: 'rotation_pending', level: 'warning', params: { keys: f.keysInFile } });
  return out;
}

export function overallLevel(warnings: readonly StatusWarning[]): StatusLevel {
  if (warnings.some((w) => w.level === 'error')) return 'error';
  return warnings.length ? 'warning' : 'ok';
}
