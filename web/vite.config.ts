// Builds the web console and the kiosk page (its own entry, served at /kiosk) into web/dist, served by the
// Fastify app.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        main: path.join(webRoot, 'index.html'),
        kiosk: path.join(webRoot, 'src', 'kiosk', 'index.html'),
      },
    },
  },
  server: {
    port: 5173,
    // The API and the face models, wasm files and Human build that the server serves itself.
    proxy: { '/api': 'http://127.0.0.1:3000', '/vendor': 'http://127.0.0.1:3000' },
  },
});
