import type { Command } from 'commander';
import { ROLES } from '../../core/access/roles.js';
import { systemActor } from '../../services/actor.js';
import { resetPassword } from '../../services/auth.service.js';
import { createUserAsSystem } from '../../services/users.service.js';
import { printResult, withCliContext } from '../context.js';

async function readSecret(given: string | undefined): Promise<string> {
  if (given) return given;
  if (process.env.FACECLOCK_NEW_PASSWORD) return process.env.FACECLOCK_NEW_PASSWORD;
  throw new Error('give --password or set FACECLOCK_NEW_PASSWORD');
}

export function register(program: Command) {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description('Create a user')
    .requiredOption('-u, --username <name>', 'login name')
    .option('--password <password>', 'password (or FACECLOCK_NEW_PASSWORD)')
    .option('--role <role...>', `roles: ${ROLES.join(', ')}`, ['admin'])
    .option('--display-name <name>', 'display name')
    .option('--employee-id <id>', 'linked employee id')
    .option('--json', 'print JSON')
    .action(
      async (o: {
        username: string;
        password?: string;
        role: string[];
        displayName?: string;
        employeeId?: string;
        json?: boolean;
      }) => {
        const password = await readSecret(o.password);
        const created = await withCliContext((ctx) =>
          createUserAsSystem(ctx, {
            username: o.username,
            password,
            roles: o.role,
            displayName: o.displayName,
            employeeId: o.employeeId ? Number(o.employeeId) : null,
          }),
        );
        printResult(
          !!o.json,
          created,
          `Created user ${created.username} (id ${created.id}) with roles ${created.roles.join(', ')}.`,
        );
      },
    );
  user
    .command('reset-password')
    .description('Set a new password for a user; they must change it at next login')
    .requiredOption('-u, --username <name>', 'login name')
    .option('--password <password>', 'new password (or FACECLOCK_NEW_PASSWORD)')
    .option('--json', 'print JSON')
    .action(async (o: { username: string; password?: string; json?: boolean }) => {
      const password = await readSecret(o.password);
      await withCliContext(async (ctx) => {
        const row = await ctx.db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', o.username)
          .executeTakeFirst();
        if (!row) throw new Error(`no user named ${o.username}`);
        await resetPassword(ctx, systemActor('cli'), row.id, password);
      });
      printResult(!!o.json, { ok: true, username: o.username }, `Password of ${o.username} reset.`);
    });
}
