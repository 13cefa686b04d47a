// Daily: delivered and failed messages older than 90 days leave the outbox (with their delivery log), read
// notices older than a year are removed.
import { pruneNotifications } from '../services/notify/outbox.js';
import type { ScheduledJob } from './scheduler.js';

export const notifyCleanupJob: ScheduledJob = {
  name: 'notify-cleanup',
  schedule: { dailyAt: '03:40', zone: 'Asia/Shanghai' },
  run: (ctx) => pruneNotifications(ctx),
};
