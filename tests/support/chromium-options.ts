import type { LaunchOptions } from 'playwright-core';
import { headlessChromiumArgs } from '../../electron/print/chromium-pdf';

/** Debian's Chromium (or `CHROMIUM_PATH`) with the flags web mode's PDFs use (see `headlessChromiumArgs`). */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...headlessChromiumArgs],
  };
}
