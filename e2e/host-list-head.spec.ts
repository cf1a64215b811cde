// A large tree paints its first screenful from the host list's head (cut by the main side from the
// gateway's real list), before the whole list arrives; the whole list's tree then shows the very
// same rows, now with the groups' host counts. Real gateway with 3,000 generated hosts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, shot, startLab, stopLab, test } from './lab-fixture';
import { LAB_UNCREDENTIALED_HOSTS } from '../lab/topology';

const INVENTORY = 3000;

interface RowSnapshot {
  id: string;
  kind: 'group' | 'host';
  label: string;
  counted: boolean;
}

test('the first screenful comes from the head and stays when the whole list arrives', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-head-'));
  const { info, child } = await startLab(dir, ['--inventory', String(INVENTORY)]);
  try {
    // The rows of the tree's first commit, taken as they enter the page (before any later render).
    await page.addInitScript(() => {
      const snapshot = () =>
        Array.from(document.querySelectorAll('[data-testid="host-tree"] [role="treeitem"]'), (row) => ({
          id: row.id,
          kind: row.getAttribute('data-testid') === 'group-row' ? 'group' : 'host',
          label: row.getAttribute('data-host') ?? row.querySelector('.group-label')?.textContent,
          counted: row.querySelector('.group-count') !== null,
        }));
      const observer = new MutationObserver(() => {
        const rows = snapshot();
        if (!rows.length) return;
        (globalThis as unknown as { __firstRows: unknown }).__firstRows = rows;
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
      (globalThis as unknown as { __rowsNow: unknown }).__rowsNow = snapshot;
    });
    await page.goto(info.url);
    await expect(page.getByTestId('host-count')).toHaveText(String(INVENTORY + info.hosts.length + LAB_UNCREDENTIALED_HOSTS.length));
    await page.waitForFunction(() => performance.getEntriesByName('portcullis:tree-complete-paint').length > 0);

    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as { __firstRows: RowSnapshot[]; __rowsNow(): RowSnapshot[] };
      const mark = (name: string) => performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
      return {
        first: g.__firstRows,
        now: g.__rowsNow(),
        head: mark('portcullis:hosts-head-received')?.detail as { hosts: number } | undefined,
        firstPaint: mark('portcullis:tree-first-paint')!.startTime,
        whole: mark('portcullis:hosts-received')!.startTime,
      };
    });
    // There was a head: a part of the list, painted before the whole list was received.
    expect(seen.head?.hosts).toBeGreaterThan(0);
    expect(seen.head!.hosts).toBeLessThan(INVENTORY);
    expect(seen.firstPaint).toBeLessThan(seen.whole);
    // The head's rows are the whole tree's first rows; counts were held back until they were known.
    expect(seen.first.length).toBeGreaterThan(10);
    const firstGroups = seen.first.filter((r) => r.kind === 'group');
    expect(firstGroups.length).toBeGreaterThan(0);
    expect(firstGroups.every((r) => !r.counted)).toBe(true);
    const strip = (rows: RowSnapshot[]) => rows.map(({ id, kind, label }) => ({ id, kind, label }));
    expect(strip(seen.now.slice(0, seen.first.length))).toEqual(strip(seen.first));
    expect(seen.now.filter((r) => r.kind === 'group').every((r) => r.counted)).toBe(true);
    await shot(page, 'tree-large-inventory');

    // The whole list is there: a filter finds a host far beyond the head.
    await page.getByTestId('host-filter').fill('web-02995');
    await expect(page.locator('[data-testid="host-row"][data-host="web-02995"]')).toBeVisible();
  } finally {
    await stopLab(child);
    rmSync(dir, { recursive: true, force: true });
  }
});
