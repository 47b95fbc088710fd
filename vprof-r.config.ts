import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
export default defineConfig({ plugins: [react()], test: { environment: './tests/support/jsdom-environment.ts', setupFiles: ['tests/renderer/setup-jsdom.ts', 'tests/zz-prof-setup.ts'], testTimeout: 600000, include: ['tests/renderer/**/*.test.tsx'] } });
