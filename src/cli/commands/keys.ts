// `faceclock keys`: see the data keys, rotate them while servers run, retire old ones.
import type { Command } from 'commander';
import {
  keyStatus,
  type RotateResult,
  reencryptAndRetire,
  rotateKeys,
} from '../../services/crypto/rotation.service.js';
import { printResult, withCliContext } from '../context.js';

function summary(result: RotateResult): string {
  const lines = [
    `Key in force: ${result.newKeyId}.`,
    ...result.columns
      .filter((c) => c.reencrypted > 0 || c.unreadable > 0)
      .map(
        (c) =>
          `  ${c.table}.${c.column}: ${c.reencrypted} re-encrypted${c.unreadable ? `, ${c.unreadable} unreadable` : ''}`,
      ),
    result.remaining === 0
      ? 'Nothing is sealed under an old key any more.'
      : `${result.remaining} values are still under an old key.`,
  ];
  if (result.retired.length) lines.push(`Retired keys: ${result.retired.join(', ')}.`);
  else if (result.oldKeyIds.length)
    lines.push(`Old keys kept: ${result.oldKeyIds.join(', ')} (retire with --retire).`);
  if (result.backupsUnderRetiredKeys.length)
    lines.push(
      `warning: ${result.backupsUnderRetiredKeys.length} backup(s) were made under a retired key and cannot be ` +
        `restored any more; make a new backup now (faceclock backup):`,
      ...result.backupsUnderRetiredKeys.map((f) => `  ${f}`),
    );
  return lines.join('\n');
}

export function register(program: Command) {
  const keys = program.command('keys').description('The data keys that encrypt biometric data');
  keys
    .command('status')
    .description('List the keys in DATA_DIR/faceclock.key (ids only) and how many sealed values each holds')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const status = await withCliContext((ctx) => keyStatus(ctx));
      const text = [
        `Key file: ${status.file}`,
        ...status.keys.map((k) => `  ${k.id}${k.current ? ' (current)' : ''}: ${k.values} sealed values`),
        ...status.unknownKeys.map((k) => `  ${k.id} (NOT in the key file): ${k.values} sealed values`),
      ].join('\n');
      printResult(!!o.json, status, text);
    });
  keys
    .command('rotate')
    .description(
      'Put a new key in force and re-encrypt every template, photo, evidence crop and consent scan under it; ' +
        'running servers pick the new key up by themselves',
    )
    .option('--retire', 'then remove the old keys from the key file')
    .option('--json', 'print JSON')
    .action(async (o: { retire?: boolean; json?: boolean }) => {
      const result = await withCliContext((ctx) =>
        rotateKeys(ctx, { retire: !!o.retire, progress: (m) => process.stderr.write(`${m}\n`) }),
      );
      printResult(!!o.json, result, summary(result));
      if (result.remaining > 0) process.exitCode = 1;
    });
  keys
    .command('retire')
    .description('Re-encrypt anything still under an old key, then remove the old keys from the key file')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const result = await withCliContext((ctx) =>
        reencryptAndRetire(ctx, { retire: true, progress: (m) => process.stderr.write(`${m}\n`) }),
      );
      printResult(!!o.json, result, summary(result));
      if (result.remaining > 0) process.exitCode = 1;
    });
}
