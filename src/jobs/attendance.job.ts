// Nightly: recompute yesterday for everyone in an attendance group, and grant this year's statutory annual
// leave (idempotent: it only adds what new hires or new working years earn).
import { accrueThisYear, recomputeYesterday } from '../services/attendance/index.js';
import type { ScheduledJob } from './scheduler.js';

export const attendanceNightlyJob: ScheduledJob = {
  name: 'attendance-nightly',
  schedule: { dailyAt: '02:30', zone: 'Asia/Shanghai' },
  run: async (ctx) => ({ recompute: await recomputeYesterday(ctx), accrual: await accrueThisYear(ctx) }),
};
