import { test, expect } from '@playwright/test';
import { PASSWORD, ready, signUp, uniqueEmail } from './helpers';

const origin = () => process.env.BASE_URL ?? 'http://127.0.0.1:3000';

test('a reminder fires by itself and shows under the bell; it opens its task; Mark all read', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'bell'));
  await ready(page, testInfo);
  const bell = page.getByTestId('bell');
  await expect(bell).toBeVisible();
  await expect(bell.getByTestId('unread-count')).toBeHidden();
  // two reminders three seconds from now, set through the API with this browser's session
  const at = new Date(Date.now() + 3_000).toISOString();
  for (const title of ['Stretch your legs', 'Drink some water']) {
    const res = await page.request.post('/api/v1/tasks', {
      headers: { Origin: origin() },
      data: { title, reminders: [{ at }] },
    });
    expect(res.status()).toBe(201);
  }
  if (testInfo.project.name === 'hydrated') {
    // the open page hears of them: no reload
    await expect(bell.getByTestId('unread-count')).toHaveText('2', { timeout: 15_000 });
  } else {
    await page.waitForTimeout(6_000);
    await page.reload();
    await expect(bell.getByTestId('unread-count')).toHaveText('2');
  }
  await bell.locator('summary').click();
  await expect(bell.getByTestId('notifications')).toContainText('Stretch your legs');
  // a notification opens its task's editor, and is read
  await bell.getByTestId('notification-link').filter({ hasText: 'Stretch your legs' }).click();
  await expect(page).toHaveURL(/\/tasks\?edit=/);
  await ready(page, testInfo);
  await expect(page.getByTestId('edit-row').getByLabel('Title')).toHaveValue('Stretch your legs');
  await expect(bell.getByTestId('unread-count')).toHaveText('1');
  await bell.locator('summary').click();
  await bell.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByTestId('unread-count')).toBeHidden();
});

test('reminders in the task editor and the default on /settings', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'editor'));
  await ready(page, testInfo);
  await page.getByLabel('Title', { exact: true }).fill('Dentist tomorrow 3pm ^30m');
  await page.getByRole('button', { name: 'Add task' }).click();
  const row = page.getByTestId('task-row').filter({ hasText: 'Dentist' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.reminder-mark')).toHaveAttribute('title', 'Reminders: 30 min before');
  await row.getByRole('link', { name: 'Edit' }).click();
  await ready(page, testInfo);
  await expect(page.getByLabel('Reminders')).toHaveValue('30m');
  await page.getByLabel('Reminders').fill('10m, 1h, @2030-01-07T09:00');
  await page.getByRole('button', { name: 'Save' }).click();
  // a moment of its own in the user's time, as the editor writes it
  await expect(row.locator('.reminder-mark')).toHaveAttribute(
    'title',
    'Reminders: 10 min before, 1 h before, at 2030-01-07 09:00',
  );
  // a reminder that cannot be read is said so, by name
  await row.getByRole('link', { name: 'Edit' }).click();
  await ready(page, testInfo);
  await page.getByLabel('Reminders').fill('soonish');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Give reminders like');

  await page.goto('/settings');
  await ready(page, testInfo);
  const choice = page.getByLabel('Default reminder');
  await expect(choice).toHaveValue('0');
  await choice.selectOption('15');
  await page.getByRole('button', { name: 'Save reminders' }).click();
  // said with or without JavaScript
  await expect(page.getByRole('status').filter({ hasText: 'Reminders saved.' })).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByLabel('Default reminder')).toHaveValue('15');
});

test('a change on one device shows on another without a reload', async ({ browser, page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'live updates need JavaScript');
  const email = uniqueEmail(testInfo, 'devices');
  await signUp(page, testInfo, email);
  await ready(page, testInfo);
  // the "phone": another browser, signed in as the same user
  const phone = await browser.newContext({ baseURL: origin() });
  const login = await phone.request.post('/api/v1/auth/login', {
    headers: { Origin: origin() },
    data: { email, password: PASSWORD },
  });
  expect(login.status()).toBe(200);
  await page.getByLabel('Title', { exact: true }).fill('Buy milk');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByTestId('task-row')).toHaveCount(1);
  // a change from elsewhere right after one of the page's own (whose echo the page skips)
  // still shows
  const made = await phone.request.post('/api/v1/tasks', {
    headers: { Origin: origin() },
    data: { title: 'Call the plumber' },
  });
  expect(made.status()).toBe(201);
  await expect(page.getByTestId('task-row').filter({ hasText: 'Call the plumber' })).toHaveCount(1, { timeout: 8_000 });
  const id = (await made.json()).id;
  await phone.request.patch(`/api/v1/tasks/${id}`, { headers: { Origin: origin() }, data: { completed: true } });
  await expect(page.getByTestId('task-row').filter({ hasText: 'Call the plumber' })).toHaveClass(/done/, { timeout: 5_000 });

  // the assistant page: a message sent from the phone appears in the open thread
  const first = await page.request.post('/api/v1/chat', { headers: { Origin: origin() }, data: { message: 'what is due today?' } });
  const conversation = (await first.json()).conversation_id;
  await page.goto(`/chat/${conversation}`);
  await ready(page, testInfo);
  await phone.request.post('/api/v1/chat', {
    headers: { Origin: origin() },
    data: { conversation_id: conversation, message: 'add water the plants' },
  });
  await expect(page.getByTestId('messages')).toContainText('water the plants', { timeout: 5_000 });
  await phone.close();
});
