// Every minute: deliver queued e-mails and webhook messages that are due (first tries and retries with back-off).
import { deliverDue } from '../services/notify/index.js';
import type { ScheduledJob } from './scheduler.js';

export const notifyDeliveryJob: ScheduledJob = {
  name: 'notify-delivery',
  schedule: { everyMinutes: 1 },
  run: (ctx) => deliverDue(ctx),
};
