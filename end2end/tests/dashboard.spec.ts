import { test, expect } from '@playwright/test';
import { ready, signUp, uniqueEmail } from './helpers';

test('the dashboard: add, quick-add, complete, edit, filter, delete', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'hydrated';
  await signUp(page, testInfo, uniqueEmail(testInfo, 'dash'));
  await ready(page, testInfo);
  await expect(page.getByTestId('empty-state')).toContainText('No tasks yet');
  await expect(page).toHaveTitle('Tasks — Taskpilot');

  // plain add
  await page.getByLabel('Title', { exact: true }).fill('Buy milk');
  await page.getByRole('button', { name: 'Add task' }).click();
  const rows = page.getByTestId('task-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Buy milk');

  // quick add: date, priority and tag come out of the title
  await page.getByLabel('Title', { exact: true }).fill('Pay rent friday 9am !high #home');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(rows).toHaveCount(2);
  const rent = rows.filter({ hasText: 'Pay rent' });
  await expect(rent).toContainText('high');
  await expect(rent).toContainText('#home');
  await expect(rent).toContainText('Fri');
  await expect(rent.locator('.title')).toHaveText('Pay rent');

  // a date that cannot be: the error, and the title still as typed, with or without JavaScript
  const title = page.getByLabel('Title', { exact: true });
  await title.fill('Party feb 30 & cake');
  await page.getByRole('button', { name: 'Add task' }).click();
  const addError = page.locator('.add-form .form-error');
  await expect(addError).toContainText('February has no 30th');
  await expect(title).toHaveValue('Party feb 30 & cake');
  await expect(rows).toHaveCount(2);
  if (js) {
    // typing again puts the error away
    await title.fill('Party feb 28');
    await expect(addError).toHaveCount(0);
  } else {
    // a second try: one error in the address, not two
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(addError).toContainText('February has no 30th');
    expect(page.url().match(/__err=/g)?.length).toBe(1);
  }

  // complete
  const milk = rows.filter({ hasText: 'Buy milk' });
  await milk.getByRole('checkbox').click();
  await expect(milk).toHaveClass(/done/);
  await page.reload();
  await ready(page, testInfo);
  await expect(rows.filter({ hasText: 'Buy milk' })).toHaveClass(/done/);

  // edit in place: the title has the keyboard's focus; with JavaScript, Escape closes the editor
  const edit = rows.filter({ hasText: 'Pay rent' }).getByRole('link', { name: 'Edit' });
  if (testInfo.project.name === 'hydrated') {
    await edit.click();
    await expect(page.locator('#edit-title')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('edit-row')).toHaveCount(0);
    // the keyboard's focus is back on the row's Edit
    await expect(edit).toBeFocused();
  }
  await edit.click();
  await expect(page.getByTestId('edit-row')).toBeVisible();
  await expect(page.locator('#edit-title')).toBeFocused();
  await ready(page, testInfo);
  await page.getByLabel('Title', { exact: true }).nth(1).fill('Pay the rent');
  await page.getByLabel('Title', { exact: true }).nth(1).press('Enter');
  await expect(rows.filter({ hasText: 'Pay the rent' })).toHaveCount(1);
  if (js) {
    // saved with the keyboard: its focus is back on the row's Edit, not at the page's start
    await expect(rows.filter({ hasText: 'Pay the rent' }).getByRole('link', { name: 'Edit' })).toBeFocused();
  }

  // filter through the URL, which survives a reload
  await page.goto('/tasks?status=done');
  await ready(page, testInfo);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Buy milk');
  await expect(page.getByLabel('Status')).toHaveValue('done');
  await page.goto('/tasks?tag=home');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Pay the rent');
  await page.goto('/tasks?q=nothing-like-this');
  await expect(page.getByTestId('empty-state')).toContainText('No tasks match');

  // delete (and, with JavaScript, undo)
  await page.goto('/tasks');
  await ready(page, testInfo);
  await rows.filter({ hasText: 'Buy milk' }).getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(1);
  if (js) {
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Buy milk' })).toHaveClass(/done/);
    // from the keyboard: Enter on Delete leaves the focus on Undo, so a second Enter undoes it
    // (it was on the next row's Delete, and deleted that one too)
    await rows.filter({ hasText: 'Buy milk' }).getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(2);
  }
});

test('the dashboard fits a 360 px phone', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'one screenshot is enough');
  await page.setViewportSize({ width: 360, height: 780 });
  await signUp(page, testInfo, uniqueEmail(testInfo, 'phone'));
  for (const title of ['Call mom tomorrow 5pm', 'Pay rent friday 9am !high #home', 'Water plants']) {
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByTestId('task-row').filter({ hasText: title.split(' ')[0] })).toHaveCount(1);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('dashboard-360.png'), fullPage: true });
});

test('a change from elsewhere right after a tick here still shows', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'live updates need JavaScript');
  await signUp(page, testInfo, uniqueEmail(testInfo, 'race'));
  const origin = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
  const make = async (title: string) =>
    (await (await page.request.post('/api/v1/tasks', { headers: { Origin: origin }, data: { title } })).json()).id;
  await make('Tick it here');
  const other = await make('Ticked elsewhere');
  await page.reload();
  await ready(page, testInfo);
  const rows = page.getByTestId('task-row');
  await rows.filter({ hasText: 'Tick it here' }).getByRole('checkbox').click();
  // another device completes the other one while this page's own tick is still settling
  await page.waitForTimeout(300);
  const res = await page.request.patch(`/api/v1/tasks/${other}`, { headers: { Origin: origin }, data: { completed: true } });
  expect(res.status()).toBe(200);
  await expect(rows.filter({ hasText: 'Ticked elsewhere' })).toHaveClass(/done/, { timeout: 6_000 });
});
