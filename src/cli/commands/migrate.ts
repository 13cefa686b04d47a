import type { Command } from 'commander';
import { migrateToLatest } from '../../db/migrate.js';
import { printResult, withCliContext } from '../context.js';

export function register(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (also done at every start)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withCliContext((ctx) => migrateToLatest(ctx.db));
      printResult(
        !!options.json,
        result,
        result.applied.length ? `Applied: ${result.applied.join(', ')}` : 'Up to date.',
      );
    });
}
