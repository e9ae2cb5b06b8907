import { test, expect } from '@playwright/test';
import { ready } from './helpers';

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
  // styled from style/: the stylesheet loaded and applies
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor).catch(() => null);
  if (testInfo.project.name === 'hydrated') {
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(errors, errors.join('\n')).toEqual([]);
  }
});
