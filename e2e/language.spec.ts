// The language setting: English by default (the browser here is en-US), 简体中文 chosen in the
// settings dialog applies at once, everywhere, and survives a reload (saved with the settings).
import { expect, mainSide, openHost, shot, test } from './lab-fixture';
import type { Page } from '@playwright/test';

async function chooseLanguage(page: Page, value: 'auto' | 'en' | 'zh-CN') {
  await page.keyboard.press('Control+Comma');
  await page.getByTestId('settings-language').selectOption(value);
  await page.getByTestId('settings-dialog-submit').click();
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);
}

test('switches the UI to Simplified Chinese live, and keeps it after a reload', async ({ app }) => {
  await expect(app.locator('.hosts-panel .section-title')).toContainText('Hosts');
  await expect(app.getByTestId('gateway-status')).toContainText('Connected');
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
  try {
    await chooseLanguage(app, 'zh-CN');
    await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(app.locator('.hosts-panel .section-title')).toContainText('主机');
    await expect(app.getByTestId('gateway-status')).toContainText('已连接');
    await expect(app.getByTestId('live-terminals')).toContainText('0 个活动终端');
    await expect.poll(async () => (await mainSide<{ language?: string }>(app, 'settings.get')).language).toBe('zh-CN');

    await app.reload();
    await expect(app.getByTestId('gateway-status')).toContainText('已连接');
    await expect(app.locator('.hosts-panel .section-title')).toContainText('主机');
    // A terminal, the palette and the host's detail, in Chinese.
    await openHost(app, 'web-01');
    await expect(app.getByTestId('live-terminals')).toContainText('1 个活动终端');
    await app.locator('[data-testid="host-row"][data-host="web-01"]').click();
    await expect(app.getByTestId('access-until')).toContainText(/到期|长期有效/);
    await shot(app, 'language-zh-CN');
    await app.keyboard.press('Control+Shift+P');
    await expect(app.getByTestId('command-palette')).toContainText('向右拆分');
    await shot(app, 'language-zh-CN-palette');
    await app.keyboard.press('Escape');
    await app.keyboard.press('Control+Comma');
    await shot(app, 'language-zh-CN-settings');
    await app.keyboard.press('Escape');
  } finally {
    // The lab outlives the test: back to following the system (English here) for the next ones.
    await chooseLanguage(app, 'auto');
  }
  await expect(app.getByTestId('gateway-status')).toContainText('Connected');
  await shot(app, 'language-en');
});
