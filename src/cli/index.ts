// The `faceclock` command. Each sub-command lives in ./commands/<name>.ts and exports `register(program)`.
import { Command } from 'commander';
import { commands } from './commands/index.js';

const program = new Command();
program
  .name('faceclock')
  .description('FaceClock: face-recognition attendance. Every command has --help; most accept --json.')
  .showHelpAfterError();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`faceclock: ${message}\n`);
  process.exitCode = process.exitCode || 1;
}
