import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Builds the renderer into dist/renderer, with relative paths: served at / in web mode and at app://renderer/ in Electron. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
