import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the API's classpath (served at /console/ by api-service); `npm run dev` proxies the API on :8080.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
