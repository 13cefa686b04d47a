// Every two minutes: the anomaly scan over new punches, refused attempts and device alerts (also started after
// each punch; this catches punches recorded by other servers or while a scan failed).
import { scanAnomalies } from '../services/alerts/scan.js';
import type { ScheduledJob } from './scheduler.js';

export const alertScanJob: ScheduledJob = {
  name: 'alert-scan',
  schedule: { everyMinutes: 2 },
  run: (ctx) => scanAnomalies(ctx),
};
