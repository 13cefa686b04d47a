// Every five minutes: an alert for each kiosk that stopped sending heartbeats during working hours.
import { checkOfflineDevices } from '../services/kiosk/alerts.service.js';
import type { ScheduledJob } from './scheduler.js';

export const deviceOfflineJob: ScheduledJob = {
  name: 'device-offline',
  schedule: { everyMinutes: 5 },
  run: (ctx) => checkOfflineDevices(ctx),
};
