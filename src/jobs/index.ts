// Every scheduled job of the server. A job is a service call on a schedule; add new ones here.
import type { Config } from '../config.js';
import { attendanceNoticesJob, managerDigestJob } from './alert-notices.job.js';
import { alertScanJob } from './alert-scan.job.js';
import { appealRemindersJob } from './appeal-reminders.job.js';
import { attendanceNightlyJob } from './attendance.job.js';
import { backupJob } from './backup.job.js';
import { deviceOfflineJob } from './device-offline.job.js';
import { notifyCleanupJob } from './notify-cleanup.job.js';
import { notifyDeliveryJob } from './notify-delivery.job.js';
import { reportSchedulesJob } from './report-schedules.job.js';
import { retentionJob } from './retention.job.js';
import type { ScheduledJob } from './scheduler.js';
import { taskCleanupJob } from './task-cleanup.job.js';

export function scheduledJobs(config: Config): ScheduledJob[] {
  return [
    taskCleanupJob,
    backupJob(config.backupAt),
    deviceOfflineJob,
    attendanceNightlyJob,
    retentionJob,
    appealRemindersJob,
    notifyDeliveryJob,
    notifyCleanupJob,
    alertScanJob,
    attendanceNoticesJob,
    managerDigestJob,
    reportSchedulesJob,
  ];
}
