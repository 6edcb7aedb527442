// Shared by the browser tests of the web console (ConsoleIT runs them with `node --test`, see docs/OPERATIONS.md).
// Debian's chromium, driven by playwright-core: no browser is downloaded.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

/** The API's base address, e.g. http://localhost:8080 (no trailing slash). */
export const BASE_URL = (process.env.VITALINK_URL ?? '').replace(/\/+$/, '');
if (!BASE_URL) {
  throw new Error('VITALINK_URL is not set: the address of a running Vitalink API, e.g. http://localhost:8080');
}
/** The console's own address: a single-page app with hash routes. */
export const CONSOLE_URL = `${BASE_URL}/console/`;
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

/**
 * The sample users of the local stack (LocalStack's, printed by ./run-local.sh): public development passwords.
 * ConsoleIT passes the stack's own in VITALINK_USERS ({"username": "password", …}).
 */
export const USERS = {
  admin: 'local-admin-password',
  'centre-a': 'local-submitter-password',
  auditor: 'local-auditor-password',
  approver: 'local-approver-password',
  reviewer: 'local-reviewer-password',
  ...JSON.parse(process.env.VITALINK_USERS ?? '{}'),
};

/** Every menu item the console may show (`nav-<key>`); each role sees only those it may use. */
export const NAV_KEYS = ['dashboard', 'submit', 'jobs', 'review', 'applications', 'users', 'config', 'audit', 'account'];

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browserPromise;
// registered at import, so on the file's root: after its last test, not the first test's
after(async () => {
  if (browserPromise) {
    await (await browserPromise).close();
  }
});

/** One browser per test file (node --test runs each file in its own process), closed when the file is done. */
export function browser() {
  browserPromise ??= chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  return browserPromise;
}

/**
 * A page in a fresh browser context (no cookies, no storage, nothing shared with another test), closed when the test
 * `t` ends. Errors the page throws are printed with the test's name.
 */
export async function newPage(t, options = {}) {
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(30_000); // generous: the stack and the browser share two cores
  t.after(() => context.close());
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${t.name}] page error: ${error.message}`));
  return page;
}

/** An element by its data-testid. */
export function byTestId(page, id) {
  return page.locator(`[data-testid="${id}"]`);
}

/** Opens a console route, e.g. `login` or `admin/users` (`#/login`, `#/admin/users`). */
export async function openRoute(page, route) {
  await page.goto(`${CONSOLE_URL}#/${route}`);
}

/** The route the console shows, e.g. `login` for `#/login` (query and trailing slash left off). */
export function currentRoute(page) {
  const hash = new URL(page.url()).hash.replace(/^#\/?/, '');
  return hash.replace(/[?].*$/, '').replace(/\/$/, '');
}

/** Logs in through the login page and waits until the console shows the logged-in layout. */
export async function login(page, user, password = USERS[user]) {
  assert.ok(password, `no password known for ${user}`);
  await openRoute(page, 'login');
  await byTestId(page, 'login-username').fill(user);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'logout').waitFor();
}

/** The nav keys the side menu shows, in NAV_KEYS order. */
export async function navKeys(page) {
  const shown = [];
  for (const key of NAV_KEYS) {
    if (await byTestId(page, `nav-${key}`).count()) {
      shown.push(key);
    }
  }
  return shown;
}

/** Writes `${SCREENSHOT_DIR}/${name}.png` when SCREENSHOT_DIR is set (e.g. to refresh docs/images); else nothing. */
export async function screenshot(page, name) {
  if (!SCREENSHOT_DIR) {
    return;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot ${path}`);
}

/** Runs axe (WCAG 2 A and AA) on the page as it is and fails on any violation, listing each with where it is. */
export async function checkA11y(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  if (results.violations.length > 0) {
    assert.fail(`WCAG 2 A/AA violations on ${page.url()} (${results.violations.length} rules broken):\n`
      + formatViolations(results.violations));
  }
}

function formatViolations(violations) {
  return violations.map((violation) => {
    const nodes = violation.nodes.map((node) => {
      const summary = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
      return `    at ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
    });
    return `  ${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}
