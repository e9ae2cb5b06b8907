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

  // replies are Markdown: a list answer is a real list
  await page.getByLabel('Message').fill('show my completed tasks');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.message.assistant ol li').filter({ hasText: 'buy milk' })).toHaveCount(1);
});

test('a reply streams in and Stop cancels it', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'streaming needs JavaScript');
  await signUp(page, testInfo, uniqueEmail(testInfo, 'stop'));
  await page.goto('/chat');
  await ready(page, testInfo);
  // hold the stream open, as a slow model would
  let requested = 0;
  await page.route('**/api/v1/chat/stream', async () => {
    requested += 1;
    await new Promise(() => {});
  });
  await page.getByLabel('Message').fill('plan my week');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByTestId('live-turn')).toContainText('Thinking…');
  await expect(page.getByRole('button', { name: 'Send' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('stopped')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  expect(requested).toBe(1);
  await page.unroute('**/api/v1/chat/stream');

  // and a real turn streams through the same path
  await page.getByLabel('Message').fill('add stream test task');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]+$/);
  await expect(page.getByTestId('action-line').first()).toContainText('Added “stream test task”');
  await expect(page.getByLabel('Message')).toHaveValue('');
});

test('the dashboard shows the assistant’s changes without a reload', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'live updates need JavaScript');
  await signUp(page, testInfo, uniqueEmail(testInfo, 'live'));
  await page.goto('/tasks');
  await ready(page, testInfo);
  const chat = await context.newPage();
  await chat.goto('/chat');
  await ready(chat, testInfo);
  await chat.getByLabel('Message').fill('add water the plants friday');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(chat.getByTestId('action-line').first()).toContainText('Added “water the plants”');
  await expect(page.getByTestId('task-row').filter({ hasText: 'water the plants' })).toHaveCount(1);
  await chat.getByLabel('Message').fill('I watered the plants');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(chat.getByTestId('action-line').nth(1)).toContainText('Completed');
  await expect(page.getByTestId('task-row').filter({ hasText: 'water the plants' })).toHaveClass(/done/);
});

test('on a phone the latest reply and the message box stay in view', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'scrolling along needs JavaScript');
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, testInfo, uniqueEmail(testInfo, 'phonechat'));
  await page.goto('/chat');
  await ready(page, testInfo);
  const send = page.getByRole('button', { name: 'Send' });
  for (const [i, text] of ['add buy milk tomorrow', 'add call mom friday 5pm', 'what is due this week?', 'add water plants'].entries()) {
    await page.getByLabel('Message').fill(text);
    await send.click();
    await expect(page.getByTestId('message')).toHaveCount(2 * (i + 1));
    await expect(send).toBeInViewport();
  }
  await expect(page.getByTestId('message').last()).toBeInViewport();
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
  // the Markdown image is a plain link, never loaded
  await expect(page.locator('.message.assistant a[href="http://127.0.0.1:9/x.png"]').first()).toBeVisible();
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

test('a long thread opens on its latest messages and loads older ones on scroll', async ({ page }, testInfo) => {
  await signUp(page, testInfo, uniqueEmail(testInfo, 'long'));
  const origin = new URL(page.url()).origin;
  // 30 turns = 60 messages, through the API with the page's own session
  let conversation = '';
  for (let i = 0; i < 30; i++) {
    const res = await page.request.post('/api/v1/chat', {
      headers: { origin },
      data: { conversation_id: conversation || undefined, message: `add long thread task ${i}` },
    });
    expect(res.status()).toBe(200);
    conversation = (await res.json()).conversation_id;
  }
  await page.goto(`/chat/${conversation}`);
  await ready(page, testInfo);
  const messages = page.getByTestId('message');
  const older = page.getByRole('link', { name: /older messages/ });
  if (testInfo.project.name === 'hydrated') {
    // the link is in view at the top of the page: the older page loads in place
    await expect(messages).toHaveCount(60);
    await expect(messages.first()).toContainText('add long thread task 0');
    await expect(page).toHaveURL(new RegExp(`/chat/${conversation}$`));
    await expect(older).toBeHidden();
  } else {
    await expect(messages).toHaveCount(50);
    await expect(messages.first()).toContainText('add long thread task 5');
    await older.click();
    await expect(page).toHaveURL(/\?before=/);
    await expect(messages).toHaveCount(10);
    await expect(messages.first()).toContainText('add long thread task 0');
  }
});
