import { defineConfig } from 'vite';

/**
 * The console is static files that the API serves at `/`, same origin: no CDN, no web fonts,
 * nothing fetched from outside at run time. React without its Vite plugin: the build needs
 * only the JSX transform, which Vite's own (oxc) does.
 */
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One chunk per page group: a controller never loads the administrator's code. The KPI
    // pages' shared chunk holds ECharts' core (about 450 kB minified, 160 kB gzipped, even
    // tree-shaken to bars in SVG); a page's whole JavaScript stays under 350 kB gzipped, which
    // the browser test measures.
    chunkSizeWarningLimit: 600,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
