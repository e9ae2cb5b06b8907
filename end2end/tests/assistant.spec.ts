import { test, expect } from '@playwright/test';
import { ready, signUp, uniqueEmail } from './helpers';

test('talk to the assistant: add, see it on the dashboard, complete it, history stays', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'chat'));
  await page.getByRole('link', { name: 'Assistant' }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await ready(page, testInfo);
  await expect(page.getByTestId('chat-empty')).toBeVisible();

  const message = page.getByLabel('Message');
  await message.fill('add buy milk tomorrow');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]+$/);
  await expect(page.getByTestId('action-line').first()).toContainText('Added “buy milk” — due');
  await expect(page.getByTestId('conversations')).toContainText('add buy milk tomorrow');

  await page.getByRole('link', { name: 'Tasks' }).click();
  await expect(page.getByTestId('task-row').filter({ hasText: 'buy milk' })).toHaveCount(1);
  await page.goBack();
  await ready(page, testInfo);

  await page.getByLabel('Message').fill('mark it done');
  if (testInfo.project.name === 'hydrated') {
    await page.getByLabel('Message').press('Enter'); // Enter sends
  } else {
    await page.getByRole('button', { name: 'Send' }).click();
  }
  await expect(page.getByTestId('action-line').nth(1)).toContainText('Completed “buy milk”');

  await page.reload();
  await ready(page, testInfo);
  const messages = page.getByTestId('message');
  await expect(messages).toHaveCount(4);
  await expect(messages.nth(0)).toContainText('add buy milk tomorrow');
  await expect(messages.nth(2)).toContainText('mark it done');
});

test('markup in messages stays text', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'script execution needs JavaScript on');
  await signUp(page, testInfo, uniqueEmail(testInfo, 'xss'));
  await page.goto('/chat');
  await ready(page, testInfo);
  const evil = 'add <img src=x onerror="window.__xss=1"><script>window.__xss=2</script> ![x](http://127.0.0.1:9/x.png)';
  await page.getByLabel('Message').fill(evil);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('action-line').first()).toContainText('<script>');
  await expect(page.locator('.messages img')).toHaveCount(0);
  await expect(page.locator('.messages script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('a draft survives an expired session', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'the draft is kept by the hydrated page');
  const email = uniqueEmail(testInfo, 'draft');
  await signUp(page, testInfo, email);
  await page.goto('/chat');
  await ready(page, testInfo);
  await page.getByLabel('Message').fill('add renew my passport');
  await context.clearCookies();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Your session has expired')).toBeVisible();
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fchat/);
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await ready(page, testInfo);
  await expect(page.getByLabel('Message')).toHaveValue('add renew my passport');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('action-line').first()).toContainText('Added “renew my passport”');
});
