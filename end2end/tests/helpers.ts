import { expect, Page, TestInfo } from '@playwright/test';

export const PASSWORD = 'correct horse battery staple';

/** A unique email per test and project, so runs never collide. */
export function uniqueEmail(testInfo: TestInfo, label: string): string {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${label}-${testInfo.project.name}-${stamp}@example.com`;
}

/** Waits until the page is interactive: hydrated when JavaScript runs, loaded otherwise. */
export async function ready(page: Page, testInfo: TestInfo) {
  await page.waitForLoadState('load');
  if (testInfo.project.name === 'hydrated') {
    await page.waitForFunction(() => (window as any).__taskpilot_hydrated === true, null, { timeout: 20_000 });
  }
}

export async function signUp(page: Page, testInfo: TestInfo, email: string) {
  await page.goto('/signup');
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/tasks/);
  await expect(page.getByTestId('user-email')).toHaveText(email);
}
