import type { Command } from 'commander';
import { verifyAuditChain } from '../../services/audit.service.js';
import { printResult, withCliContext } from '../context.js';

export function register(program: Command) {
  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description('Check the hash chain; exits 1 and names the first entry changed, removed or reordered')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const result = await withCliContext((ctx) => verifyAuditChain(ctx.db.kysely));
      const text = result.ok
        ? `Audit chain intact: ${result.checked} entries verified.`
        : `Audit chain BROKEN at entry ${result.break!.id} (${result.break!.problem}; ${result.break!.action ?? ''} at ${result.break!.at ?? '?'}). ${result.checked} entries before it are intact.`;
      printResult(!!o.json, result, text);
      if (!result.ok) process.exitCode = 1;
    });
}
