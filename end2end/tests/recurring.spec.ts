import { test, expect } from '@playwright/test';
import { ready, signUp, uniqueEmail } from './helpers';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as the dashboard writes it: "Mon Dec 7". */
function label(d: Date): string {
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${d.getDate()}`;
}

/** The first Monday from today (today when it is one), in the browser's zone — the user's. */
function firstMonday(): Date {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7));
  return d;
}

test('a repeating task: add it in words, complete it, see its next date, undo', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'repeat'));
  await ready(page, testInfo);
  await page.getByLabel('Title', { exact: true }).fill('Water plants every monday');
  await page.getByRole('button', { name: 'Add task' }).click();
  const row = page.getByTestId('task-row').filter({ hasText: 'Water plants' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.title')).toHaveText('Water plants');
  await expect(row).toContainText('↻ Every Mon');
  const first = firstMonday();
  const next = new Date(first);
  next.setDate(first.getDate() + 7);
  await expect(row).toContainText(label(first));

  // completing it keeps it open, on next Monday, with Undo
  await ready(page, testInfo);
  await row.getByRole('checkbox').click();
  const notice = page.getByTestId('recur-notice');
  await expect(notice).toContainText(`next due ${label(next)}`);
  await expect(row).toContainText(label(next));
  await expect(row).not.toHaveClass(/done/);
  await ready(page, testInfo);
  // it stays (the page hears its own change a moment later, and loads the list again)
  await page.waitForTimeout(2_500);
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(row).toContainText(label(first));
  await expect(notice).toHaveCount(0);

  // the edit form shows the repeat in words, and an emptied one stops it
  await row.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByTestId('edit-row')).toBeVisible();
  await ready(page, testInfo);
  await expect(page.getByLabel('Repeats')).toHaveValue('Every Mon');
  await page.getByLabel('Repeats').fill('every mon and thu');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('↻ Every Mon and Thu');

  // emptied, Repeats and Reminders stop the repeat and the reminders
  await row.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByTestId('edit-row')).toBeVisible();
  await ready(page, testInfo);
  await page.getByLabel('Reminders').fill('10m');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row.locator('.reminder-mark')).toHaveCount(1);
  await row.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByTestId('edit-row')).toBeVisible();
  await ready(page, testInfo);
  await expect(page.getByLabel('Reminders')).toHaveValue('10m');
  await page.getByLabel('Repeats').fill('');
  await page.getByLabel('Reminders').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('edit-row')).toHaveCount(0);
  await expect(row).not.toContainText('↻');
  await expect(row.locator('.reminder-mark')).toHaveCount(0);
  await row.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByTestId('edit-row')).toBeVisible();
  await expect(page.getByLabel('Repeats')).toHaveValue('');
  await expect(page.getByLabel('Reminders')).toHaveValue('');
});

test('the calendar feed address on /settings', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'feed'));
  await ready(page, testInfo);
  await page.getByLabel('Title', { exact: true }).fill('Dentist tomorrow 3pm');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByTestId('task-row')).toHaveCount(1);

  await page.goto('/settings');
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Make a calendar address' }).click();
  const address = page.getByTestId('calendar-url');
  await expect(address).toContainText('/cal/');
  const url = (await address.textContent())!.trim();
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('SUMMARY:Dentist');

  // once it is on, the page says so; a new address kills the old one
  await page.reload();
  await ready(page, testInfo);
  await expect(page.getByTestId('calendar-on')).toContainText('The feed is on');
  await expect(address).toHaveCount(0);
  await page.getByRole('button', { name: 'Make a new address' }).click();
  await expect(address).toContainText('/cal/');
  expect((await address.textContent())!.trim()).not.toBe(url);
  expect((await page.request.get(url)).status()).toBe(404);
});
