// `npm run bench`: every benchmark, one after another, each in its own process so that one's memory and
// warm caches do not colour the next. `npm run bench -- face attendance` runs only the named groups.
// Figures are printed; nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const groups: Record<string, string[]> = {
  face: ['face/index.ts'],
  attendance: ['attendance/recompute.ts', 'attendance/recompute-db.ts'],
  kiosk: ['kiosk/server-punch.ts', 'kiosk/browser.ts'],
  load: ['load/index.ts'],
  reports: ['reports.ts'],
  assessment: ['assessment.ts'],
  workspace: ['workspace.ts'],
  alerts: ['alerts.ts'],
  privacy: ['privacy.ts'],
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = 0;
for (const [group, files] of Object.entries(groups)) {
  if (wanted.length > 0 && !wanted.includes(group)) continue;
  for (const file of files) {
    const full = path.join(here, file);
    if (!fs.existsSync(full)) continue;
    console.log(`\n######## ${group}: ${file}\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', full], { stdio: 'inherit', env: process.env });
    if (r.status !== 0) {
      failed++;
      console.log(`(${file} exited with ${r.status})`);
    }
  }
}
process.exit(failed > 0 ? 1 : 0);
