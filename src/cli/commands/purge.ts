// `faceclock purge`: run the retention purge now (the daily job does the same), or see what it would remove.
import type { Command } from 'commander';
import { systemActor } from '../../services/actor.js';
import { previewPurge, runPurge } from '../../services/privacy/purge.service.js';
import { printResult, withCliContext } from '../context.js';

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([kind, n]) => `  ${kind}: ${n}`)
    .join('\n');

export function register(program: Command) {
  program
    .command('purge')
    .description('Run the retention purge now: expired evidence crops, leavers’ templates, old records')
    .option('--dry-run', 'only count what would be removed')
    .option('--json', 'print JSON')
    .action(async (o: { dryRun?: boolean; json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const actor = systemActor('faceclock purge');
        if (o.dryRun) {
          const preview = await previewPurge(ctx, actor);
          printResult(
            !!o.json,
            { dryRun: true, ...preview },
            `Would remove (nothing was changed; ${preview.heldEmployees} employees under a legal hold are skipped):\n${countsText(preview.counts)}`,
          );
          return;
        }
        const report = await runPurge(ctx, actor, 'manual');
        printResult(
          !!o.json,
          report,
          `Purge report ${report.id} (${report.heldEmployees} employees under a legal hold skipped):\n${countsText(report.counts)}`,
        );
      });
    });
}
