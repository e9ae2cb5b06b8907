import { test, expect } from '@playwright/test';
import { PASSWORD, ready, signUp, uniqueEmail } from './helpers';

test('sign up, reload, sign out, and come back through the login page', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'journey');
  await signUp(page, testInfo, email);

  await page.reload();
  await ready(page, testInfo);
  await expect(page.getByTestId('user-email')).toHaveText(email);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId('user-email')).toHaveCount(0);

  // a protected page sends us to sign in, and back to it afterwards
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings/);
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('user-email')).toHaveText(email);
});

test('a wrong password shows a friendly error and keeps us on the form', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'wrong');
  await signUp(page, testInfo, email);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
  await expect(page).toHaveURL(/\/login/);
});

test('settings create and revoke an API token', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'token'));
  await page.goto('/settings');
  await ready(page, testInfo);
  await expect(page.getByTestId('sessions')).toContainText('this browser');
  await page.getByLabel('Token name').fill('ci script');
  await page.getByRole('button', { name: 'Create token' }).click();
  // the value is shown once, with and without JavaScript
  await expect(page.getByTestId('new-token')).toHaveText(/^tp_/);
  await expect(page.getByTestId('tokens')).toContainText('ci script');
  await page.reload();
  await ready(page, testInfo);
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('No tokens yet.')).toBeVisible();
});

test('settings change the password; the old one stops working', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'hydrated';
  const email = uniqueEmail(testInfo, 'passwd');
  await signUp(page, testInfo, email);
  await page.goto('/settings');
  await ready(page, testInfo);
  if (js) {
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert')).toHaveText('That is not your current password.');
  }
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  // said with or without JavaScript
  await expect(page.getByTestId('password-changed')).toBeVisible();
  await expect(page).toHaveURL(/\/settings/);
  // still signed in here
  await page.goto('/settings');
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
  // (without JavaScript the page came back with the error and empty fields)
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tasks/);
});

test('a session ended elsewhere leads to the sign-in page, and back', async ({ page, context }, testInfo) => {
  const email = uniqueEmail(testInfo, 'ended');
  await signUp(page, testInfo, email);
  await page.goto('/tasks?view=all');
  await ready(page, testInfo);
  // another tab of this browser signs out everywhere
  const other = await context.newPage();
  await other.goto('/settings');
  await ready(other, testInfo);
  await other.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(other).toHaveURL(/\/login/);
  // this tab's next request finds no session: the sign-in page, not the old page emptied
  await page.getByLabel('Title', { exact: true }).fill('Written after the end');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Ftasks/);
  await ready(page, testInfo);
  await expect(page.getByTestId('user-email')).toHaveCount(0);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tasks/);
  await expect(page.getByTestId('user-email')).toHaveText(email);
});
