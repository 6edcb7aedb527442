// TEMPORARY: proves the browser runs against the real stack until the console lands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, newPage, screenshot } from './lib.mjs';

test('swagger ui loads in chromium', async (t) => {
  const page = await newPage(t);
  await page.goto(`${BASE_URL}/swagger-ui/index.html`);
  await page.locator('.swagger-ui .info .title').waitFor();
  assert.match(await page.locator('.swagger-ui .info .title').innerText(), /Vitalink/i);
  await screenshot(page, 'swagger-smoke');
});
