// Daily: the retention purge (expired evidence crops, leavers' templates, records past their years), with a report.
import { systemActor } from '../services/actor.js';
import { runPurge } from '../services/privacy/purge.service.js';
import type { ScheduledJob } from './scheduler.js';

export const retentionJob: ScheduledJob = {
  name: 'retention-purge',
  schedule: { dailyAt: '03:30', zone: 'Asia/Shanghai' },
  run: async (ctx) => {
    const report = await runPurge(ctx, systemActor('retention'), 'schedule');
    return { reportId: report.id, counts: report.counts };
  },
};
