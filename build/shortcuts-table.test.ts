import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shortcutsTable } from './shortcuts-table';

describe('README shortcut table', () => {
  it('is the one generated from the action registry (tsx build/shortcuts-table.ts)', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(await shortcutsTable());
  });
});
