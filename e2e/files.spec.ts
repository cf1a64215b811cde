// The file panel in Chromium against the real lab (gateway with transfer.policy allow, real sshd):
// list a folder on the host, walk into a folder and back, upload a picked file and download one.
// The lab's hosts run on this machine, so the "remote" folder is a local temporary one.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openHost, test } from './lab-fixture';

const SHOTS = '/tmp/shots-files';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('the file panel lists a host folder, uploads a picked file and downloads one', async ({ app }) => {
  const remote = mkdtempSync(join(tmpdir(), 'portcullis-files-e2e-'));
  mkdirSync(join(remote, 'logs'));
  writeFileSync(join(remote, 'logs', 'app.log'), 'started\n');
  writeFileSync(join(remote, 'notes.txt'), 'remote notes\n');
  mkdirSync(SHOTS, { recursive: true });
  try {
    await openHost(app, 'web-01');
    await app.keyboard.press('Control+Shift+K');
    const panel = app.getByTestId('files-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('files-list')).toBeVisible();

    await panel.getByTestId('files-path').fill(remote);
    await panel.getByTestId('files-path').press('Enter');
    const entries = panel.getByTestId('files-entry');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toHaveAttribute('data-name', 'logs');
    await expect(entries.nth(0)).toHaveAttribute('data-type', 'directory');
    await expect(entries.nth(1)).toHaveAttribute('data-name', 'notes.txt');
    await app.screenshot({ path: `${SHOTS}/list.png` });

    // Into a folder and back up.
    await entries.nth(0).locator('.files-name').click();
    await expect(panel.getByTestId('files-path')).toHaveValue(join(remote, 'logs'));
    await expect(panel.locator('[data-testid="files-entry"][data-name="app.log"]')).toBeVisible();
    await panel.getByTestId('files-up').click();
    await expect(panel.getByTestId('files-path')).toHaveValue(remote);

    // Upload: the picked file reaches the host byte for byte, and the listing shows it.
    const bytes = randomBytes(1024 * 1024 + 3);
    await panel.getByTestId('files-picker').setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: bytes });
    const upload = panel.locator('[data-testid="files-transfer"][data-direction="upload"]');
    await expect(upload).toHaveAttribute('data-state', 'done');
    expect(sha256(readFileSync(join(remote, 'report.bin')))).toBe(sha256(bytes));
    await expect(panel.locator('[data-testid="files-entry"][data-name="report.bin"]')).toBeVisible();

    // Download: the browser saves what the main side streams from the host.
    const [download] = await Promise.all([app.waitForEvent('download'), panel.locator('[data-testid="files-entry"][data-name="notes.txt"] [data-testid="files-download"]').click()]);
    expect(download.suggestedFilename()).toBe('notes.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe('remote notes\n');
    await expect(panel.locator('[data-testid="files-transfer"][data-direction="download"]')).toHaveAttribute('data-state', 'done');
    await app.screenshot({ path: `${SHOTS}/transfers.png` });

    // The same name again is refused: nothing is overwritten.
    await panel.getByTestId('files-picker').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('other') });
    await expect(panel.getByTestId('files-error')).toContainText('already there');
    expect(readFileSync(join(remote, 'notes.txt'), 'utf8')).toBe('remote notes\n');

    await panel.getByTestId('files-close').click();
    await expect(panel).toHaveCount(0);
    expect(existsSync(join(remote, 'report.bin'))).toBe(true);
  } finally {
    rmSync(remote, { recursive: true, force: true });
  }
});
