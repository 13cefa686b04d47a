// `npm start` builds the web app when web/dist is missing or older than its sources.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, webDistDir } from '../paths.js';

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  const built = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(built)) return true;
  // The web app also imports pure rules from src/core (the same checks as the server).
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'web')),
    newestMtime(path.join(repoRoot, 'src', 'core')),
  );
  return sources > fs.statSync(built).mtimeMs;
}

export async function buildWebIfStale(log: (message: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  log('Building the web app (web/dist is missing or older than its sources)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
  log('Web app built.');
}
