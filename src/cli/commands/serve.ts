import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { startServer } from '../../server.js';
import { buildWebIfStale } from '../web-build.js';

export function register(program: Command) {
  program
    .command('serve')
    .description('Start the server and the web app (PORT, DATA_DIR, DATABASE_URL: see README)')
    .option('--build-web', 'build the web app first when it is missing or stale')
    .option('-p, --port <port>', 'port to listen on (default PORT or 3000)')
    .action(async (options: { buildWeb?: boolean; port?: string }) => {
      if (options.buildWeb) await buildWebIfStale((m) => process.stderr.write(`${m}\n`));
      const config = loadConfig(process.env, options.port ? { port: Number(options.port) } : {});
      const server = await startServer(config);
      process.stderr.write(`FaceClock is running at ${server.url} (database: ${server.db.dialect})\n`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
