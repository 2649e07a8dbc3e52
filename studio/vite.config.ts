import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/** Where the Baton server listens during development; `BATON_API=http://host:port` overrides it. */
const api = process.env.BATON_API ?? 'http://127.0.0.1:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: api, changeOrigin: true },
  '/hooks': { target: api, changeOrigin: true },
  '/collab': { target: api, changeOrigin: true, ws: true },
};

export default defineConfig({
  // Pinned so `vite build` works from the repo root as well as from studio/.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The layout engine (elkjs, ~1.4 MB) is its own chunk, loaded on the first auto-layout only.
    chunkSizeWarningLimit: 1600,
  },
  server: { proxy },
  preview: { proxy },
});
