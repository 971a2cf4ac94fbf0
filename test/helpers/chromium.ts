/** Debian's headless Chromium for the browser tests, driven by playwright-core. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT } from './cli.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Why browser tests skip on this machine, or false when Chromium is there. */
export const skipBrowser: string | false = existsSync(CHROMIUM) ? false : `needs Debian's Chromium at ${CHROMIUM} (.ci/run installs it with apt)`;
export const SHOTS = join(ROOT, 'test-output', 'screenshots');

/** Launch headless Chromium with no background network, and make sure the screenshot folder exists. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
