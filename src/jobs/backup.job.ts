// Daily: an encrypted backup, keeping the newest FACECLOCK_BACKUP_KEEP.
import { packageVersion } from '../paths.js';
import { createBackup } from '../services/backup.service.js';
import type { ScheduledJob } from './scheduler.js';

export function backupJob(at: string): ScheduledJob {
  return {
    name: 'backup',
    schedule: { dailyAt: at, zone: 'UTC' },
    run: async (ctx) => {
      const backup = await createBackup(ctx, { keep: ctx.config.backupKeep, appVersion: packageVersion() });
      return { file: backup.name, bytes: backup.size };
    },
  };
}
