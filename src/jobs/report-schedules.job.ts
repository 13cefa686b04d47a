// Every morning: the reports e-mailed on a schedule (daily ones each day, weekly on Monday, monthly on the 1st).
import { runDueSchedules, SCHEDULE_ZONE } from '../services/reports/schedules.service.js';
import type { ScheduledJob } from './scheduler.js';

export const reportSchedulesJob: ScheduledJob = {
  name: 'report-schedules',
  schedule: { dailyAt: '07:00', zone: SCHEDULE_ZONE },
  run: (ctx) => runDueSchedules(ctx),
};
