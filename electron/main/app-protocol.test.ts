import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolResponse } from './app-protocol';

describe('app:// protocol', () => {
  let dir: string;
  let renderer: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-app-'));
    renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<title>P</title>');
    writeFileSync(join(renderer, 'assets', 'a.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the renderer with our CSP', async () => {
    const page = await appProtocolResponse(renderer, 'app://portcullis/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<title>P</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await appProtocolResponse(renderer, 'app://portcullis/')).status).toBe(200);
    expect((await appProtocolResponse(renderer, 'app://portcullis/assets/a.css')).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('serves nothing outside the build or for another host', async () => {
    for (const url of ['app://portcullis/../secret.txt', 'app://portcullis/%2e%2e/secret.txt', 'app://portcullis/..%2fsecret.txt', 'app://other/index.html', 'app://portcullis/nope.js']) {
      const reply = await appProtocolResponse(renderer, url);
      expect(reply.status, url).toBeGreaterThanOrEqual(400);
      expect(await reply.text()).not.toContain('SECRET');
    }
  });
});
