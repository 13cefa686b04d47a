// Every morning: the reports e-mailed on a schedule (daily ones each day, weekly on Monday, monthly on the 1st).
import { runDueSchedules } from '../services/reports/schedules.service.js';
import type { ScheduledJob } from './scheduler.js';

export const reportSchedulesJob: ScheduledJob = {
  name: 'report-schedules',
  // Every 15 minutes; the service sends once 07:00 has passed in the company's zone, each schedule once a period.
  schedule: { everyMinutes: 15 },
  run: (ctx) => runDueSchedules(ctx),
};
