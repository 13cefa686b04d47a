import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { packageVersion } from '../../paths.js';
import { verifyAuditChain } from '../../services/audit.service.js';
import {
  createBackup,
  keyringOf,
  listBackups,
  restoreBackup,
  verifyBackup,
} from '../../services/backup.service.js';
import { printResult, withCliContext } from '../context.js';

export function register(program: Command) {
  program
    .command('backup')
    .description('Make an encrypted online backup now (or list / verify backups)')
    .option('--dir <dir>', 'where to write it (default FACECLOCK_BACKUP_DIR or DATA_DIR/backups)')
    .option('--keep <n>', 'keep only the newest N backups in that folder')
    .option('--list', 'list the backups in the folder instead')
    .option('--verify <file>', 'check that a backup decrypts and its checksum matches')
    .option('--json', 'print JSON')
    .action(async (o: { dir?: string; keep?: string; list?: boolean; verify?: string; json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const dir = o.dir ? path.resolve(o.dir) : ctx.config.backupDir;
        if (o.list) {
          const list = listBackups(dir);
          const text = list.length
            ? list
                .map((b) => `${b.name}  ${b.header.createdAt}  ${(b.size / 1024).toFixed(0)} KiB`)
                .join('\n')
            : `No backups in ${dir}.`;
          printResult(
            !!o.json,
            list.map((b) => ({ file: b.file, size: b.size, ...b.header })),
            text,
          );
          return;
        }
        if (o.verify) {
          const result = verifyBackup(path.resolve(o.verify), keyringOf(ctx));
          printResult(
            !!o.json,
            result,
            `Backup is intact: ${result.header.dialect}, made ${result.header.createdAt}, ${Object.values(result.header.counts).reduce((a, b) => a + b, 0)} rows.`,
          );
          return;
        }
        const backup = await createBackup(ctx, {
          dir,
          keep: o.keep ? Number(o.keep) : undefined,
          appVersion: packageVersion(),
        });
        printResult(
          !!o.json,
          { file: backup.file, size: backup.size, ...backup.header },
          `Backup written: ${backup.file} (${(backup.size / 1024).toFixed(0)} KiB)`,
        );
      });
    });

  program
    .command('restore')
    .description('Replace the database with a backup (stop the server first when on SQLite)')
    .argument('<file>', 'the .fcbak file')
    .option('--yes', 'confirm: the current data is replaced')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { yes?: boolean; json?: boolean }) => {
      if (!o.yes) throw new Error('restore replaces all current data; run again with --yes to confirm');
      const config = loadConfig();
      const open = () => openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const db = open();
      const ctx = { db, config, now: () => new Date(), log: console };
      const result = await restoreBackup(
        { file: path.resolve(file), keyring: keyringOf(ctx), db, databaseUrl: config.databaseUrl },
        open,
      );
      const after = open();
      try {
        await migrateToLatest(after);
        const chain = await verifyAuditChain(after.kysely);
        const ok = result.mismatches.length === 0 && chain.ok;
        const text = [
          `Restored the backup of ${result.header.createdAt} (${result.header.dialect}).`,
          result.mismatches.length
            ? `Row counts DIFFER:\n  ${result.mismatches.join('\n  ')}`
            : 'Row counts match the backup.',
          chain.ok
            ? `Audit chain intact (${chain.checked} entries).`
            : `Audit chain BROKEN at entry ${chain.break?.id}.`,
        ].join('\n');
        printResult(!!o.json, { ...result, auditChain: chain, ok }, text);
        if (!ok) process.exitCode = 1;
      } finally {
        await after.close();
      }
    });
}
