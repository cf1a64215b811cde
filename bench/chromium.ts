// Debian's Chromium, headless, as the e2e suite runs it (never a downloaded browser).
// PORTCULLIS_CHROMIUM overrides the binary.
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PORTCULLIS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', ...extraArgs],
  });
}
