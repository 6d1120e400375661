/**
 * The web app's build (web/ → dist/web). The Fastify server serves dist/web
 * (src/server/web.routes.ts); `npm run dev:web` serves web/ with hot reload
 * and passes /api to a `luoshi serve` on port 8080.
 */
import react from '@vitejs/plugin-react';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Each text file of the build's assets/ also written compressed, as NAME.br (brotli, best) and NAME.gz
 * (gzip, level 9): the server sends those as they are (src/server/web.routes.ts) instead of compressing
 * at the first request after a start, on its event loop.
 */
function precompress(outDir: string): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'luoshi-precompress',
    apply: 'build',
    async closeBundle() {
      const folder = join(outDir, 'assets');
      const names = (await readdir(folder)).filter((name) => /\.(js|css|svg|json|txt)$/.test(name));
      await Promise.all(
        names.map(async (name) => {
          const body = await readFile(join(folder, name));
          if (body.length <= 1024) return;
          const size = { [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
          await writeFile(join(folder, `${name}.br`), await brotli(body, { params: size }));
          await writeFile(join(folder, `${name}.gz`), await gz(body, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root: here('./web'),
  base: '/',
  plugins: [react(), precompress(here('./dist/web'))],
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
