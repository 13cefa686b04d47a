// Every scheduled job of the server. A job is a service call on a schedule; add new ones here.
import type { ScheduledJob } from './scheduler.js';
import { taskCleanupJob } from './task-cleanup.job.js';

export const scheduledJobs: ScheduledJob[] = [taskCleanupJob];
