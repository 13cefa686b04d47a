// Hourly: employees are told of their own exception days (each day once); daily: the managers' digest.
import { notifyAttendanceExceptions, sendManagerDigest } from '../services/alerts/attendance-notices.js';
import type { ScheduledJob } from './scheduler.js';

export const attendanceNoticesJob: ScheduledJob = {
  name: 'alert-attendance-notices',
  schedule: { everyMinutes: 60 },
  run: (ctx) => notifyAttendanceExceptions(ctx),
};

export const managerDigestJob: ScheduledJob = {
  name: 'alert-manager-digest',
  // Every 15 minutes; the service sends once the configured time has passed, each manager and day once.
  schedule: { everyMinutes: 15 },
  run: (ctx) => sendManagerDigest(ctx),
};
