import { test, expect } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { PASSWORD, ready, signUp, uniqueEmail } from './helpers';

const origin = () => process.env.BASE_URL ?? 'http://127.0.0.1:3000';

test('an MCP client is connected through the consent page, then disconnected on /settings', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'oauth');
  await signUp(page, testInfo, email);
  await ready(page, testInfo);
  // the client registers itself (RFC 7591), as Claude or ChatGPT would, with a redirect URI of
  // its own origin (a local port no one listens on: the browser is answered here); the consent
  // page's CSP must let its form lead there, or Allow goes nowhere
  const redirect = 'http://127.0.0.1:8765/callback';
  await page.route('http://127.0.0.1:8765/**', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'the client' }));
  const reg = await page.request.post('/oauth/register', {
    data: { redirect_uris: [redirect], client_name: 'Playwright Agent' },
  });
  expect(reg.status()).toBe(201);
  const { client_id } = await reg.json();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    response_type: 'code', client_id, redirect_uri: redirect, code_challenge: challenge,
    code_challenge_method: 'S256', state: 'xyz', scope: 'tasks',
  });

  // signed out, the page asks to sign in first and comes back
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`/oauth/authorize?${query}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  await ready(page, testInfo);
  const consent = page.getByTestId('consent');
  await expect(consent.getByRole('heading')).toHaveText('Connect “Playwright Agent”?');
  await expect(consent).toContainText(email);
  await expect(consent).toContainText('Add, change, complete and delete your tasks');
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:8765\/callback\?code=tpc_[^&]+&state=xyz/);
  const code = new URL(page.url()).searchParams.get('code')!;

  const tokens = await page.request.post('/oauth/token', {
    form: { grant_type: 'authorization_code', code, redirect_uri: redirect, client_id, code_verifier: verifier },
  });
  expect(tokens.status()).toBe(200);
  const { access_token } = await tokens.json();
  const initialize = {
    jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'playwright', version: '1' } },
  };
  const tools = await page.request.post('/mcp', {
    headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json, text/event-stream', Origin: origin() },
    data: initialize,
  });
  expect(tools.status()).toBe(200);
  expect(JSON.stringify(await tools.json())).toContain('taskpilot');

  await page.goto('/settings');
  await ready(page, testInfo);
  const apps = page.getByTestId('connected-apps');
  await expect(apps).toContainText('Playwright Agent');
  await apps.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText('No apps connected.')).toBeVisible();
  const after = await page.request.post('/mcp', {
    headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json, text/event-stream', Origin: origin() },
    data: initialize,
  });
  expect(after.status()).toBe(401);
});
