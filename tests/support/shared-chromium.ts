import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumLaunchOptions } from './chromium-options';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket of the one Chromium the e2e files share (see `launchChromium`). */
    chromiumEndpoint: string;
  }
}

let server: BrowserServer | undefined;

/**
 * vitest global setup of the e2e project: one Chromium for all its files. Each file connects to it
 * and works in its own browser contexts (cookies, storage, downloads apart), which closing the
 * connection discards; the browser itself starts once instead of once per file.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await chromium.launchServer(chromiumLaunchOptions());
  project.provide('chromiumEndpoint', server.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await server?.close();
}
