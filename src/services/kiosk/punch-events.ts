// Live punch events for the console's live view (server-sent events), within one server process. With several
// instances on PostgreSQL, src/services/cluster/punch-relay.ts sends each instance's events to the others and
// publishes theirs here, so a console sees every punch whichever instance recorded it.
import { EventEmitter } from 'node:events';
import type { Db } from '../../db/database.js';

export interface PunchEvent {
  kind: 'punch' | 'attempt';
  id: number;
  at: string;
  method: 'face' | 'pin' | 'qr';
  /** For a punch: IN/OUT; for an attempt: its outcome. */
  direction: 'in' | 'out' | null;
  outcome: string;
  reason: string | null;
  employee: { id: number; employeeNo: string; name: string; departmentId: number | null } | null;
  device: { id: number; name: string; siteId: number | null };
  flags: string[];
}

const buses = new WeakMap<Db, EventEmitter>();

export function punchBus(db: Db): EventEmitter {
  let bus = buses.get(db);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    buses.set(db, bus);
  }
  return bus;
}

export function publishPunchEvent(db: Db, event: PunchEvent) {
  punchBus(db).emit('event', event);
}

export function subscribePunchEvents(db: Db, listener: (event: PunchEvent) => void): () => void {
  const bus = punchBus(db);
  bus.on('event', listener);
  return () => bus.off('event', listener);
}
