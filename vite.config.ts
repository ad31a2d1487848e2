// The workbench and the public reporter pages: a Vite build of web/ into dist/web/,
// served by tipwire at `/` (src/server/routes/web.ts). JSX goes through Vite's own
// transform (tsconfig `jsx: react-jsx`); no dev server is used in production.
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const web = resolve(import.meta.dirname, 'web');

export default defineConfig({
  root: web,
  base: '/',
  // No inline script or style may be needed: the pages run under a strict CSP.
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        workbench: resolve(web, 'index.html'),
        // The public reporter pages: no sign-in, none of the workbench's code.
        report: resolve(web, 'report.html'),
        follow: resolve(web, 'follow.html'),
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
