// Runs the migrations in src/db/migrations in order, on either dialect.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import type { Db, DialectName } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_faces_devices_punches.js';
import * as m0004 from './migrations/0004_jobs_tasks.js';
import * as m0005 from './migrations/0005_attendance.js';
import * as m0006 from './migrations/0006_kiosk.js';
import * as m0007 from './migrations/0007_privacy.js';
import * as m0008 from './migrations/0008_reports.js';
import * as m0009 from './migrations/0009_workspace.js';
import * as m0010 from './migrations/0010_alerts.js';
import * as m0011 from './migrations/0011_assessment.js';
import * as m0012 from './migrations/0012_privacy_ops.js';
import * as m0013 from './migrations/0013_scale.js';
import * as m0014 from './migrations/0014_punch_device_index.js';
import * as m0015 from './migrations/0015_sealed_attachments.js';
import * as m0016 from './migrations/0016_audit_append.js';

type MigrationModule = { up(db: Kysely<any>, dialect: DialectName): Promise<void> };

/** Every migration, in order. A new migration is a new file here and a new line below. */
const migrations: Record<string, MigrationModule> = {
  '0001_foundation': m0001,
  '0002_faces_devices_punches': m0002,
  '0004_jobs_tasks': m0004,
  '0005_attendance': m0005,
  '0006_kiosk': m0006,
  '0007_privacy': m0007,
  '0008_reports': m0008,
  '0009_workspace': m0009,
  '0010_alerts': m0010,
  '0011_assessment': m0011,
  '0012_privacy_ops': m0012,
  '0013_scale': m0013,
  '0014_punch_device_index': m0014,
  '0015_sealed_attachments': m0015,
  '0016_audit_append': m0016,
};

class ListProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, module] of Object.entries(migrations)) {
      out[name] = { up: (db) => module.up(db, this.dialect) };
    }
    return out;
  }
}

export interface MigrateResult {
  applied: string[];
}

export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: new ListProvider(db.dialect),
    // Migrations written side by side may land out of order; each is independent of the ones after it.
    allowUnorderedMigrations: true,
    ...(db.pgSchema ? { migrationTableSchema: db.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
