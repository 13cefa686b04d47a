// Every ten minutes: marks tasks whose server stopped as failed, and removes finished tasks (and their files)
// older than a week.
import { failInterruptedTasks, removeOldTasks } from '../services/tasks.service.js';
import type { ScheduledJob } from './scheduler.js';

export const taskCleanupJob: ScheduledJob = {
  name: 'task-cleanup',
  schedule: { everyMinutes: 10 },
  run: async (ctx) => ({ interrupted: await failInterruptedTasks(ctx), ...(await removeOldTasks(ctx, 7)) }),
};
