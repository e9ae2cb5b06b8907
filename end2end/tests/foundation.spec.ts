import { test, expect } from '@playwright/test';
import { ready, signUp, uniqueEmail } from './helpers';

test('the first page renders, with and without JavaScript', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const response = await page.goto('/');
  expect(response?.ok()).toBeTruthy();
  await expect(page).toHaveURL(/\/login$/);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Email')).toBeVisible();
  await expect(page.locator('header')).toContainText('Taskpilot');
  // the page names itself, and the keyboard's first stop skips past the header
  await expect(page).toHaveTitle('Sign in — Taskpilot');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // styled from style/: the stylesheet loaded and applies
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor).catch(() => null);
  if (testInfo.project.name === 'hydrated') {
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(errors, errors.join('\n')).toEqual([]);
  }
});

test('pages load their code on demand: /tasks leaves out the assistant and /settings', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'the code is wasm: it needs JavaScript');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await signUp(page, testInfo, uniqueEmail(testInfo, 'split'));

  // a cold first page: the main bundle only
  wasm.length = 0;
  await page.reload();
  await ready(page, testInfo);
  expect(wasm.some((p) => /\/taskpilot\.[^/]*wasm$/.test(p)), wasm.join(', ')).toBe(true);
  expect(wasm.filter((p) => /split___(chat|settings|consent)_route/.test(p)), wasm.join(', ')).toEqual([]);
  expect(await page.locator('head link[rel="preload"][href*="split___"]').count()).toBe(0);

  // the assistant's code starts downloading when the pointer is over its link (once), and the
  // page works
  await page.getByRole('link', { name: 'Assistant' }).hover();
  await expect.poll(() => wasm.filter((p) => p.includes('split___chat_route')).length).toBe(1);
  await page.getByRole('link', { name: 'Assistant' }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByLabel('Message')).toBeVisible();
  await expect(page).toHaveTitle('Assistant — Taskpilot');
  expect(wasm.filter((p) => p.includes('split___chat_route')).length).toBe(1);
  await page.getByLabel('Message').fill('add water the plants');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByTestId('action-line').first()).toContainText('Added “water the plants”');

  // so does /settings, and a page opened first waits for its code before it hydrates
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect.poll(() => wasm.filter((p) => p.includes('split___settings_route')).length).toBe(1);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page).toHaveTitle('Settings — Taskpilot');
  wasm.length = 0;
  await page.reload();
  await ready(page, testInfo);
  expect(wasm.filter((p) => p.includes('split___chat_route')), wasm.join(', ')).toEqual([]);
  expect(wasm.filter((p) => p.includes('split___settings_route')).length, wasm.join(', ')).toBe(1);
  // its chunk was asked for by the page's head, alongside the main bundle, not after it
  expect(await page.locator('head link[rel="preload"][href*="split___settings_route"]').count()).toBeGreaterThan(0);
  // the page works
  await page.getByLabel('Token name').fill('split check');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^tp_/);
  expect(errors, errors.join('\n')).toEqual([]);
});
