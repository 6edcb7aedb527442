// The console's administration and oversight screens in Debian's chromium against a running Vitalink (ConsoleIT):
// 用户管理, 系统配置, 审计日志, 用数申请 and 人工复核. Each test acts through the screens as a person would; the API is
// called directly only to prepare what the screens then show (an uncertain link to review) and to check their effect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, byTestId, checkA11y, currentRoute, login, navKeys, newPage, openRoute, screenshot, USERS,
} from './lib.mjs';

/** Unique per run, so that a test run against a stack used before finds its own user, application and link. */
const STAMP = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const STRONG_PASSWORD = 'console-e2e-password-1';

/** The text a person reads, without the space antd puts between two Chinese characters of a button. */
async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

function compact(value) {
  return value.replace(/\s+/g, '');
}

const tokens = new Map();

/** Calls the API as one of the sample users (a login per user and file); answers status and parsed body. */
async function callApi(user, method, path, { body, accept = 'application/json' } = {}) {
  if (!tokens.has(user)) {
    const response = await fetch(`${BASE_URL}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user, password: USERS[user] }),
    });
    assert.equal(response.status, 200, `login of ${user}`);
    tokens.set(user, (await response.json()).access_token);
  }
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${tokens.get(user)}`,
      Accept: accept,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await response.text();
  let parsed = raw;
  if (/^application\/(problem\+)?json/.test(response.headers.get('content-type') ?? '') && raw) {
    parsed = JSON.parse(raw);
  }
  return { status: response.status, body: parsed };
}

/**
 * axe on the page as it stands, with the pointer moved off the control just clicked: a hovered button is drawn in
 * its hover colour, which is not what a person reading the page sees.
 */
async function accessible(page) {
  await page.mouse.move(0, 0);
  await checkA11y(page);
}

/** Picks an option of an antd Select (opened by clicking it) by the test id of its rendered option. */
async function chooseOption(page, selectTestId, optionTestId) {
  await byTestId(page, selectTestId).click();
  await byTestId(page, optionTestId).click();
  await page.keyboard.press('Escape');
}

/** Types a day into an antd DatePicker and confirms it. */
async function fillDate(page, testId, isoDay) {
  const input = byTestId(page, testId);
  await input.click();
  await input.fill(isoDay);
  await input.press('Enter');
}

function isoDayFromNow(days) {
  const day = new Date(Date.now() + days * 86_400_000);
  return day.toISOString().slice(0, 10);
}

test('an administrator creates a user with the SUBMITTER role, who can then log in; the user is deleted', async (t) => {
  const page = await newPage(t);
  await login(page, 'admin');
  await byTestId(page, 'nav-users').click();
  assert.equal(currentRoute(page), 'admin/users');
  await byTestId(page, 'user-row-centre-a').waitFor();
  await accessible(page);
  await screenshot(page, 'console-users');

  const username = `e2e-user-${STAMP}`;
  await byTestId(page, 'user-create').click();
  await byTestId(page, 'user-form-username').fill(username);
  await byTestId(page, 'user-form-organisation').fill('centre-e2e');
  await chooseOption(page, 'user-form-roles', 'user-form-role-SUBMITTER');
  await byTestId(page, 'user-form-password').fill(STRONG_PASSWORD);
  await byTestId(page, 'user-form-confirm').fill(STRONG_PASSWORD);
  await accessible(page);
  await byTestId(page, 'user-form-submit').click();

  const row = byTestId(page, `user-row-${username}`);
  await row.waitFor();
  const rowText = await text(row);
  assert.match(rowText, /centre-e2e/);
  assert.match(compact(rowText), /提交人/, `the role in words: "${rowText}"`);
  assert.match(compact(rowText), /已启用/);

  // the new user logs in through the login page and gets the SUBMITTER's screens
  const theirs = await newPage(t);
  await login(theirs, username, STRONG_PASSWORD);
  assert.deepEqual(await navKeys(theirs), ['dashboard', 'submit', 'jobs', 'applications', 'account']);

  // and is deleted, after a confirmation
  await byTestId(page, `user-delete-${username}`).click();
  await byTestId(page, 'user-delete-confirm').click();
  await row.waitFor({ state: 'detached' });
  const gone = await callApi('admin', 'GET', `/api/v1/users/${username}`);
  assert.equal(gone.status, 404, 'the API no longer knows the user');
});

test('a password that is too weak is refused in words with VL-1110, and nothing is created', async (t) => {
  const page = await newPage(t);
  await login(page, 'admin');
  await openRoute(page, 'admin/users');
  await byTestId(page, 'user-row-admin').waitFor();

  const username = `e2e-weak-${STAMP}`;
  await byTestId(page, 'user-create').click();
  await byTestId(page, 'user-form-username').fill(username);
  await byTestId(page, 'user-form-organisation').fill('centre-e2e');
  await chooseOption(page, 'user-form-roles', 'user-form-role-AUDITOR');
  await byTestId(page, 'user-form-password').fill('short');
  await byTestId(page, 'user-form-confirm').fill('short');
  await byTestId(page, 'user-form-submit').click();

  const problem = byTestId(page, 'user-form-problem');
  await problem.waitFor();
  const message = await text(problem);
  assert.match(message, /VL-1110/);
  assert.match(compact(message), /密码强度不足/, `the refusal in Chinese words: "${message}"`);
  await accessible(page);
  assert.equal((await callApi('admin', 'GET', `/api/v1/users/${username}`)).status, 404);
});

const THRESHOLD = 'matching.probableThreshold';

test('an administrator changes a setting, sees it in the history, is refused an invalid one, and resets it', async (t) => {
  const page = await newPage(t);
  await login(page, 'admin');
  await byTestId(page, 'nav-config').click();
  assert.equal(currentRoute(page), 'admin/config');
  const field = byTestId(page, `setting-${THRESHOLD}`);
  await field.waitFor();
  await accessible(page);
  await screenshot(page, 'console-config');

  const before = (await callApi('admin', 'GET', '/api/v1/config')).body;
  const wanted = before.settings.find((s) => s.key === THRESHOLD).value === '0.91' ? '0.92' : '0.91';
  await field.fill(wanted);
  await byTestId(page, 'config-save').click();
  await assertEventually(async () => (await text(byTestId(page, 'config-version'))).includes(`${before.version + 1}`),
    'the screen shows the new version');
  await assertEventually(async () => {
    const now = (await callApi('admin', 'GET', '/api/v1/config')).body;
    return now.version === before.version + 1 && now.settings.find((s) => s.key === THRESHOLD).value === wanted;
  }, 'the API holds the new threshold in a new version');
  assert.match(await text(byTestId(page, `setting-${THRESHOLD}-in-force`)), new RegExp(wanted.replace('.', '\\.')));

  await byTestId(page, 'config-tab-history').click();
  const version = byTestId(page, `config-history-${before.version + 1}`);
  await version.waitFor();
  const change = await text(version);
  assert.match(change, new RegExp(`${THRESHOLD.replace('.', '\\.')}.*→ ${wanted.replace('.', '\\.')}`), `from → to: "${change}"`);
  assert.match(change, /admin/);
  await accessible(page);

  // every problem of an invalid change is named, and nothing changes
  await byTestId(page, 'config-tab-settings').click();
  await byTestId(page, 'setting-matching.probableMargin').fill('0.6');
  await byTestId(page, 'config-save').click();
  const problems = byTestId(page, 'config-problems');
  await problems.waitFor();
  assert.match(await text(byTestId(page, 'config-problem')), /VL-1640/);
  assert.match(await text(problems), /matching\.probableMargin/);
  assert.equal((await callApi('admin', 'GET', '/api/v1/config')).body.version, before.version + 1);
  await byTestId(page, 'config-discard').click();

  // back to the deployment's value
  await byTestId(page, `setting-${THRESHOLD}-reset`).check();
  await byTestId(page, 'config-save').click();
  await assertEventually(async () => {
    const now = (await callApi('admin', 'GET', '/api/v1/config')).body;
    return now.version === before.version + 2 && !now.settings.find((s) => s.key === THRESHOLD).configured;
  }, 'the threshold is back to the deployment\'s value');
  await byTestId(page, 'config-tab-history').click();
  const reset = byTestId(page, `config-history-${before.version + 2}`);
  await reset.waitFor();
  assert.match(compact(await text(reset)), /→部署值/, 'null reads as the deployment\'s value');

  // the administrator's precision report: every organisation's decisions
  await byTestId(page, 'config-tab-report').click();
  await byTestId(page, 'report-scope').waitFor();
  await accessible(page);
});

test('the auditor searches the audit trail and finds the configuration change and the user created', async (t) => {
  const page = await newPage(t);
  await login(page, 'auditor');
  await byTestId(page, 'nav-audit').click();
  assert.equal(currentRoute(page), 'audit');
  await byTestId(page, 'audit-table').waitFor();

  await byTestId(page, 'audit-user').fill('admin');
  await chooseOption(page, 'audit-limit', 'audit-limit-500');
  const found = {};
  let answered = page.waitForResponse((r) => /\/api\/v1\/audit\?.*user=admin/.test(r.url()));
  await byTestId(page, 'audit-search').click();
  for (let pageNumber = 1; pageNumber <= 20; pageNumber++) {
    assert.equal((await answered).status(), 200);
    await page.waitForSelector('[data-testid="audit-table"] .ant-spin-spinning', { state: 'detached' });
    for (const action of ['CONFIG_CHANGED', 'USER_CREATED']) {
      const rows = page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
      if (!found[action] && await rows.count() > 0) {
        found[action] = await text(rows.last());
      }
    }
    if ((found.CONFIG_CHANGED && found.USER_CREATED) || await byTestId(page, 'audit-next').isDisabled()) {
      break;
    }
    answered = page.waitForResponse((r) => /\/api\/v1\/audit\?.*cursor=/.test(r.url()));
    await byTestId(page, 'audit-next').click();
  }
  assert.ok(found.CONFIG_CHANGED, 'a CONFIG_CHANGED event of admin');
  assert.match(compact(found.CONFIG_CHANGED), /已修改系统配置/, `the action in words: "${found.CONFIG_CHANGED}"`);
  assert.match(found.CONFIG_CHANGED, /matching\.probableThreshold/, 'its detail names the setting');
  assert.ok(found.USER_CREATED, 'a USER_CREATED event of admin');
  assert.match(compact(found.USER_CREATED), /已创建用户/);
  // API calls read in words too
  const rows = await page.locator('[data-testid="audit-row"] [data-testid="audit-action-words"]').allInnerTexts();
  assert.ok(rows.length > 0);
  assert.ok(rows.every((words) => !/^[A-Z]+ \//.test(words.trim())), 'no action is shown only as method and path');
  await accessible(page);
  await screenshot(page, 'console-audit');
});

test('a centre files an application; the approver approves it narrowed, then revokes it; the sample one stays', async (t) => {
  const purpose = `控制台测试 ${STAMP}`;
  const centre = await newPage(t);
  await login(centre, 'centre-a');
  await byTestId(centre, 'nav-applications').click();
  await byTestId(centre, 'applications-table').waitFor();
  await byTestId(centre, 'application-new').click();
  await byTestId(centre, 'application-form-purpose').fill(purpose);
  await byTestId(centre, 'application-form-legal-basis').fill('肿瘤登记管理办法第十二条');
  await byTestId(centre, 'application-form-ethics').fill(`EC-${STAMP}`);
  await byTestId(centre, 'application-form-size').fill('120');
  await byTestId(centre, 'application-form-fields-CAUSES').check();
  await byTestId(centre, 'application-form-fields-PLACE').check();
  // valid from a later day: while approved it is not yet valid, so it never stands beside the sample application
  await fillDate(centre, 'application-form-from', isoDayFromNow(60));
  await fillDate(centre, 'application-form-until', isoDayFromNow(400));
  await accessible(centre);
  await byTestId(centre, 'application-form-submit').click();
  const filed = centre.locator('[data-testid="application-row"]', { hasText: purpose });
  await filed.waitFor();
  assert.match(compact(await text(filed.locator('[data-testid="application-status"]'))), /待审批/);
  assert.equal(await filed.locator('[data-testid="application-approve"]').count(), 0, 'a centre cannot decide');

  const approver = await newPage(t);
  await login(approver, 'approver');
  await byTestId(approver, 'nav-applications').click();
  const row = approver.locator('[data-testid="application-row"]', { hasText: purpose });
  await row.waitFor();
  await accessible(approver);
  await screenshot(approver, 'console-applications');
  const applicationId = await row.getAttribute('data-application-id');

  await row.locator('[data-testid="application-approve"]').click();
  await byTestId(approver, 'decision-fields-CAUSES').uncheck();
  await accessible(approver);
  await byTestId(approver, 'decision-confirm').click();
  await assertEventually(async () => (await row.getAttribute('data-status')) === 'NOT_YET_VALID', 'approved, valid later');
  assert.match(compact(await text(row.locator('[data-testid="application-approved-fields"]'))), /批准：死亡日期，死亡地点与户籍地$/);
  const approved = (await callApi('approver', 'GET', `/api/v1/applications/${applicationId}`)).body;
  assert.deepEqual(approved.approvedFields, ['DEATH_DATE', 'PLACE'], 'causes were left out of the approval');

  // a revocation needs a reason, and is confirmed in its dialog
  await row.locator('[data-testid="application-revoke"]').click();
  await byTestId(approver, 'decision-confirm').click();
  await approver.locator('.ant-form-item-explain-error').first().waitFor();
  await byTestId(approver, 'decision-reason').fill('控制台测试：撤销');
  await byTestId(approver, 'decision-confirm').click();
  await assertEventually(async () => (await row.getAttribute('data-status')) === 'REVOKED', 'revoked');
  assert.equal(await row.locator('[data-testid="application-revoke"]').count(), 0, 'nothing more to do with it');

  await row.locator('[data-testid="application-detail-open"]').click();
  const detail = byTestId(approver, 'application-detail');
  await detail.waitFor();
  const history = compact(await text(detail));
  assert.match(history, /centre-a提交申请/);
  assert.match(history, /approver批准/);
  assert.match(history, /approver撤销/);
  assert.match(history, /控制台测试：撤销/);
  await accessible(approver);

  const sample = (await callApi('centre-a', 'GET', '/api/v1/applications')).body
    .filter((a) => a.applicationId !== applicationId && a.status === 'APPROVED');
  assert.ok(sample.length >= 1, 'the sample centre\'s application is still approved');
});

test('the reviewer judges an uncertain link side by side, once; the report counts it', async (t) => {
  // an uncertain link: the registered ID of a sample death, with the other sex and another name
  const { jobId, recordId } = await submitDiscrepantLink();

  const page = await newPage(t);
  await login(page, 'reviewer');
  await byTestId(page, 'nav-review').click();
  assert.equal(currentRoute(page), 'review');
  await byTestId(page, 'review-filter-job').fill(jobId);
  await byTestId(page, 'review-search').click();
  const item = page.locator(`[data-testid="review-item"][data-record-id="${recordId}"]`);
  await item.waitFor();
  assert.equal(await item.locator('[data-testid="review-field-sex"]').getAttribute('data-comparison'), 'different');
  assert.match(compact(await text(item.locator('[data-testid="review-compare-sex"]'))), /不一致/, 'told in words');
  assert.equal(await item.locator('[data-testid="review-field-idNumber"]').getAttribute('data-comparison'), 'same');
  assert.match(compact(await text(item)), /匹配但有差异/);
  await accessible(page);
  await screenshot(page, 'console-review');

  // a second screen shows the same pending link
  const stale = await newPage(t);
  await login(stale, 'reviewer');
  await openRoute(stale, 'review');
  await byTestId(stale, 'review-filter-job').fill(jobId);
  await byTestId(stale, 'review-search').click();
  const staleItem = stale.locator(`[data-testid="review-item"][data-record-id="${recordId}"]`);
  await staleItem.locator('[data-testid="review-accept"]').waitFor();

  await item.locator('[data-testid="review-note"]').fill('性别和姓名均不同，不是同一人');
  await item.locator('[data-testid="review-reject"]').click();
  const decision = item.locator('[data-testid="review-decision"]');
  await decision.waitFor();
  assert.match(compact(await text(decision)), /拒绝/);
  assert.match(compact(await text(decision)), /性别和姓名均不同/);

  // the decision is made once: the second screen is told so in words
  await staleItem.locator('[data-testid="review-accept"]').click();
  const refused = staleItem.locator('[data-testid="review-problem"]');
  await refused.waitFor();
  assert.match(await text(refused), /VL-1625/);
  assert.match(compact(await text(refused)), /该结果已复核/);

  await byTestId(page, 'review-tab-report').click();
  const rule = byTestId(page, 'report-rule-ID_EXACT');
  await rule.waitFor();
  assert.match(compact(await text(rule)), /拒绝[1-9]\d*/, 'the rejection is counted');
  assert.equal(await rule.locator('canvas[role="img"]').count(), 1, 'the chart is an image with a label');
  await accessible(page);
});

/**
 * Submits, as the sample centre, one patient with a sample death's registered ID but the other sex and another name:
 * the matcher links it by ID with discrepancies (MATCHED_WITH_DISCREPANCY), an uncertain link for the reviewer.
 * The death's ID comes from the sample job's results; its birth date and sex are those the resident ID encodes.
 */
async function submitDiscrepantLink() {
  const jobs = (await callApi('centre-a', 'GET', '/api/v1/jobs?limit=100')).body.jobs;
  const sample = jobs.filter((job) => job.state === 'COMPLETED').sort((a, b) => b.matched - a.matched)[0];
  assert.ok(sample && sample.matched > 0, 'the sample job of the stack has matched patients');
  const results = (await callApi('centre-a', 'GET', `/api/v1/jobs/${sample.jobId}/results`, { accept: 'application/x-ndjson' })).body;
  const linked = results.split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .find((r) => r.outcome === 'MATCHED' && /^\d{17}[\dX]$/.test(r.linkedIdNumber ?? ''));
  assert.ok(linked, 'a death linked by a resident ID');
  const id = linked.linkedIdNumber;
  const registeredSex = Number(id[16]) % 2 === 1 ? 'M' : 'F';
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

  const applications = (await callApi('centre-a', 'GET', '/api/v1/applications')).body;
  const active = applications.find((a) => a.status === 'APPROVED');
  assert.ok(active, 'the sample centre has an approved application');
  const recordId = `e2e-${STAMP}`;
  const submitted = await callApi('centre-a', 'POST', `/api/v1/jobs?applicationId=${active.applicationId}`, {
    body: { records: [{ recordId, idNumber: id, name: '控制台测试', sex: registeredSex === 'M' ? 'F' : 'M', birthDate }] },
  });
  assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
  const { jobId } = submitted.body;
  await assertEventually(async () => {
    const job = (await callApi('centre-a', 'GET', `/api/v1/jobs/${jobId}`)).body;
    return job.state === 'COMPLETED' && job.matchedWithDiscrepancy === 1;
  }, 'the job completes with one link matched with a discrepancy', 120_000);
  return { jobId, recordId };
}

async function assertEventually(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`not within ${timeoutMs} ms: ${what}`);
}
