// The kiosk page: its own entry of the web build (no console around it), at /kiosk.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Where the web build puts the kiosk entry (see web/vite.config.ts). */
export const KIOSK_HTML = path.join('src', 'kiosk', 'index.html');

export async function registerKioskPage(app: FastifyInstance, webDir: string | undefined) {
  const file = webDir ? path.join(webDir, KIOSK_HTML) : null;
  const handler = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    if (!file || !fs.existsSync(file)) {
      return reply.type('text/plain').code(503).send('The web app is not built. Run `npm run build:web`.');
    }
    return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(file));
  };
  app.get('/kiosk', { schema: { hide: true } }, handler);
  app.get('/kiosk/*', { schema: { hide: true } }, handler);
}
