// Runs `eval-faces` alone in a commander program, as the faceclock command will: `tsx run-eval-faces.ts …args`.
import { Command } from 'commander';
import { register } from '../../src/cli/commands/eval-faces.js';

const program = new Command().name('faceclock');
register(program);
await program.parseAsync(['eval-faces', ...process.argv.slice(2)], { from: 'user' });
