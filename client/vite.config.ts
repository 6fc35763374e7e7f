import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const server = `http://127.0.0.1:${process.env.STARTEX_PORT ?? 3000}`;

export default defineConfig({
  plugins: [
    react(),
    // The app shell (index.html and the hashed bundles) is cached on the device, so a tablet or an
    // evaluator reloading in a dead zone still opens the app; their data comes from localStorage.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // A file, not an inline script: the CSP allows scripts from this server only.
      injectRegister: 'script',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        // Desk-only views (graph layout, planning, review, report) are not needed in the field.
        globIgnores: ['**/elk.bundled-*', '**/ConsolePage-*', '**/PlanningPage-*', '**/ReviewPage-*', '**/ReportPage-*', '**/ActionsPage-*', '**/Studio*Page-*', '**/analysisWorker-*'],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        // Navigations go to the network first (a fresh index.html when the server is reachable) and
        // fall back to the cached shell; /api and /socket.io are never cached.
        navigateFallback: null,
        runtimeCaching: [
          {
            // Copied into the worker as source text, so it cannot refer to anything in this file.
            urlPattern: ({ request, url }) => request.mode === 'navigate' && !/^\/(api|socket\.io)\//.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'startex-pages',
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 20 },
              precacheFallback: { fallbackURL: 'index.html' },
            },
          },
        ],
      },
    }),
  ],
  server: {
    proxy: { '/api': server, '/socket.io': { target: server, ws: true } },
  },
});
