import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = `http://127.0.0.1:${process.env.STARTEX_PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': server, '/socket.io': { target: server, ws: true } },
  },
});
