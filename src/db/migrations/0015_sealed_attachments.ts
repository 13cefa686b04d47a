// Files attached to requests and appeals (a doctor's note is health data) are sealed with the data key like
// evidence crops. Rows written before this migration hold the file as it was sent: `sealed` tells the two apart
// (0 for those), and the server seals them at start-up (services/attachments/attachments.ts).
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const table of ['request_attachments', 'appeal_attachments']) {
    await db.schema
      .alterTable(table)
      .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}
