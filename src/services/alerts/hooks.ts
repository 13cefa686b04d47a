// Detectors run after each punch without slowing it: the punch's live event starts a background scan.

import type { ServiceContext } from '../context.js';
import { subscribePunchEvents } from '../kiosk/punch-events.js';
import { kickAnomalyScan } from './scan.js';

/** Subscribes to this server's punch events; returns the unsubscribe function. */
export function startAlertHooks(ctx: ServiceContext): () => void {
  return subscribePunchEvents(ctx.db, () => kickAnomalyScan(ctx));
}
