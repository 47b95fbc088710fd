import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium (or `CHROMIUM_PATH`) with the flags this machine needs. */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  };
}
