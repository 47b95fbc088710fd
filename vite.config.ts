import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Builds the renderer into dist/renderer, with relative paths so Electron can load it from disk. */
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
