// The web console in Debian's chromium against a running Vitalink (ConsoleIT; VITALINK_URL): login, language, roles,
// accessibility and the keyboard. Each test has its own browser context: nothing carries over between them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  byTestId, checkA11y, currentRoute, login, navKeys, newPage, openRoute, screenshot, USERS,
} from './lib.mjs';

/** Each sample user's menu: the screens whose API operation its role may call (the API's x-vitalink-roles). */
const MENUS = {
  'centre-a': ['dashboard', 'submit', 'jobs', 'applications', 'account'],
  admin: ['users', 'config', 'audit', 'account'],
  auditor: ['dashboard', 'jobs', 'applications', 'audit', 'account'],
  approver: ['applications', 'account'],
  reviewer: ['review', 'account'],
};

/** A route each sample user may not use, and the menu item that leads there. */
const FORBIDDEN = {
  'centre-a': { route: 'admin/users', nav: 'users' },
  admin: { route: 'jobs', nav: 'jobs' },
  auditor: { route: 'submit', nav: 'submit' },
  approver: { route: 'jobs', nav: 'jobs' },
  reviewer: { route: 'admin/config', nav: 'config' },
};

/** The text a person reads, without the space antd puts between two Chinese characters of a button. */
async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

function compact(value) {
  return value.replace(/\s+/g, '');
}

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

test('a centre logs in and lands on the dashboard', async (t) => {
  const page = await newPage(t);
  await openRoute(page, 'login');
  await byTestId(page, 'login-submit').waitFor();
  await screenshot(page, 'console-login');

  await login(page, 'centre-a');

  assert.equal(currentRoute(page), '', 'the dashboard is the console\'s home, #/');
  await byTestId(page, 'nav-dashboard').waitFor();
  assert.equal(await text(byTestId(page, 'page-title')), await text(byTestId(page, 'nav-dashboard')));
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'console-dashboard');
});

test('a wrong password is refused in words with its code, and the login page stays', async (t) => {
  const page = await newPage(t);
  await openRoute(page, 'login');
  await byTestId(page, 'login-username').fill('centre-a');
  await byTestId(page, 'login-password').fill('not-the-password');
  await byTestId(page, 'login-submit').click();

  const error = byTestId(page, 'login-error');
  await error.waitFor();
  const message = await text(error);
  assert.match(message, /VL-1105/, 'the API\'s code (docs/ERRORS.md: unknown user or wrong password)');
  assert.match(message.replace(/VL-\d+/g, ''), /\p{Script=Han}{2,}/u, `the meaning in Chinese, the default: "${message}"`);
  assert.equal(currentRoute(page), 'login');
  assert.equal(await byTestId(page, 'logout').count(), 0, 'nobody is logged in');
  assert.equal(await byTestId(page, 'login-password').isVisible(), true);
});

test('logging out returns to the login page, and a protected route then asks to log in', async (t) => {
  const page = await newPage(t);
  await login(page, 'centre-a');

  await byTestId(page, 'logout').click();
  await byTestId(page, 'login-submit').waitFor();
  assert.equal(currentRoute(page), 'login');

  await openRoute(page, 'jobs');
  await byTestId(page, 'login-submit').waitFor();
  assert.equal(currentRoute(page), 'login');
  assert.equal(await byTestId(page, 'nav-jobs').count(), 0);
});

test('the console speaks Chinese by default and English once chosen', async (t) => {
  // an English browser: Chinese is the default whatever the browser asks for
  const page = await newPage(t, { locale: 'en-US' });
  await openRoute(page, 'login');
  const submit = byTestId(page, 'login-submit');
  await submit.waitFor();
  assert.equal(await htmlLang(page), 'zh-CN');
  assert.equal(compact(await text(submit)), '登录');

  await byTestId(page, 'lang-en').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text(submit), 'Log in');

  // and the choice holds after login, in the header's switch too
  await login(page, 'centre-a');
  assert.equal(await htmlLang(page), 'en');
  await byTestId(page, 'lang-zh').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.match(await text(byTestId(page, 'logout')), /\p{Script=Han}/u);
});

for (const [user, { route, nav }] of Object.entries(FORBIDDEN)) {
  test(`${user} sees only the menu of its role, and #/${route} is forbidden`, async (t) => {
    const page = await newPage(t);
    await login(page, user);
    await byTestId(page, `nav-${MENUS[user].at(-1)}`).waitFor();
    assert.deepEqual(await navKeys(page), MENUS[user], `${user}'s menu`);
    assert.equal(await byTestId(page, `nav-${nav}`).count(), 0);

    await openRoute(page, route);
    await byTestId(page, 'forbidden').waitFor();
    assert.equal(currentRoute(page), route);
  });
}

test('the login page has no WCAG 2 A or AA violation', async (t) => {
  const page = await newPage(t);
  await openRoute(page, 'login');
  await byTestId(page, 'login-submit').waitFor();
  await checkA11y(page);
});

test('the dashboard has no WCAG 2 A or AA violation', async (t) => {
  const page = await newPage(t);
  await login(page, 'centre-a');
  await byTestId(page, 'page-title').waitFor();
  await page.waitForLoadState('networkidle');
  await checkA11y(page);
});

test('the login form is filled and sent with the keyboard alone', async (t) => {
  const page = await newPage(t);
  await openRoute(page, 'login');
  await byTestId(page, 'login-submit').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  // from the top of the page, as someone arriving with the keyboard (the username field may have the focus already)
  await page.evaluate(() => document.activeElement?.blur());
  for (let presses = 0; (await focused()) !== 'login-username'; presses++) {
    assert.ok(presses < 10, `Tab reaches the username field (focus after ${presses} presses: ${await focused()})`);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('centre-a');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'login-password', 'Tab goes from the username to the password');
  await page.keyboard.type(USERS['centre-a']);
  await page.keyboard.press('Enter');

  await byTestId(page, 'logout').waitFor();
  assert.equal(currentRoute(page), '');
});
