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
  schedule: { dailyAt: '08:30', zone: 'Asia/Shanghai' },
  run: (ctx) => sendManagerDigest(ctx),
};
