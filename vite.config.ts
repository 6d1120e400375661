/**
 * The web app's build (web/ → dist/web). The Fastify server serves dist/web
 * (src/server/web.routes.ts); `npm run dev:web` serves web/ with hot reload
 * and passes /api to a `luoshi serve` on port 8080.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // bench/web-size.ts reads the manifest to measure what each route loads.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    // antd is one large shared chunk; its size is watched by bench/web-size.ts instead.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': { target: process.env.LUOSHI_API ?? 'http://127.0.0.1:8080' } },
  },
});
