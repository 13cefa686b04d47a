// The anomaly scan reads the PIN/QR punches of a few devices in a window of minutes (buddy punching at one
// device). Without an index on the device, SQLite walked punches_at_idx over every punch of the window, at
// every device, which in a morning rush is most of the rows of those minutes.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.createIndex('punches_device_at_idx').on('punches').columns(['device_id', 'at']).execute();
}
