// Hourly: a reminder to the deciders of each appeal whose step is due soon or overdue (once per step).
import { systemActor } from '../services/actor.js';
import { sendAppealReminders } from '../services/appeals/appeals.service.js';
import type { ScheduledJob } from './scheduler.js';

export const appealRemindersJob: ScheduledJob = {
  name: 'appeal-reminders',
  schedule: { everyMinutes: 60 },
  run: (ctx) => sendAppealReminders(ctx, systemActor('appeal reminders')),
};
