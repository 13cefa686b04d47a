// Live punch events across instances: each punch event recorded here is sent to the other instances, and
// theirs are replayed on this instance's local bus, where the console's server-sent event streams listen.
import type { Db } from '../../db/database.js';
import { type PunchEvent, publishPunchEvent, subscribePunchEvents } from '../kiosk/punch-events.js';
import type { Cluster } from './index.js';

const TOPIC = 'punch';

export function forwardPunchEvents(db: Db, cluster: Pick<Cluster, 'publish' | 'subscribe'>): () => void {
  // Events replayed from another instance are not sent on again.
  const replayed = new WeakSet<PunchEvent>();
  const stopLocal = subscribePunchEvents(db, (event) => {
    if (!replayed.has(event)) cluster.publish(TOPIC, event);
  });
  const stopRemote = cluster.subscribe(TOPIC, (item) => {
    const event = item as PunchEvent;
    if (!event || typeof event !== 'object' || typeof event.id !== 'number') return;
    replayed.add(event);
    publishPunchEvent(db, event);
  });
  return () => {
    stopLocal();
    stopRemote();
  };
}
