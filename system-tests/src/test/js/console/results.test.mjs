// The results and overview screens against the stack's sample job (ConsoleIT: LocalLauncher.loadSample, a COMPLETED
// job of centre-a): the table and its outcome filter agree with the API's counters, the three downloads are the API's
// own answers, the changes tab explains an unwatched job, and the overview's charts say their numbers in words.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { BASE_URL, byTestId, checkA11y, login, newPage, openRoute, screenshot, USERS } from './lib.mjs';

const OUTCOMES = {
  MATCHED: 'matched',
  MATCHED_WITH_DISCREPANCY: 'matchedWithDiscrepancy',
  PROBABLE: 'probable',
  NOT_FOUND: 'notFound',
  INVALID: 'invalid',
};
/** The overview's window (DashboardPage DAYS): jobs created since local midnight 29 days ago. */
const DAYS = 30;

async function token(user) {
  const response = await fetch(`${BASE_URL}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: USERS[user] }),
  });
  assert.equal(response.status, 200, `login of ${user}`);
  return (await response.json()).access_token;
}

/** The API's answer to a GET as `user`, with this Accept. */
async function apiGet(user, path, accept = 'application/json') {
  const response = await fetch(`${BASE_URL}${path}`, { headers: { Authorization: `Bearer ${await token(user)}`, Accept: accept } });
  assert.equal(response.status, 200, `GET ${path} (${accept})`);
  return response;
}

async function listJobs(user, query = '') {
  const jobs = [];
  let cursor = null;
  do {
    const page = await (await apiGet(user, `/api/v1/jobs?limit=1000${query}${cursor ? `&cursor=${cursor}` : ''}`)).json();
    jobs.push(...page.jobs);
    cursor = page.next;
  } while (cursor);
  return jobs;
}

let sample;
before(async () => {
  // the sample job is centre-a's first job: the oldest COMPLETED one (the list is newest first)
  const completed = await listJobs('centre-a', '&state=COMPLETED');
  assert.ok(completed.length > 0, 'the stack has a COMPLETED sample job of centre-a');
  sample = completed.at(-1);
  const decided = Object.values(OUTCOMES).reduce((sum, counter) => sum + sample[counter], 0);
  assert.ok(decided > 0, 'the sample job has results');
});

async function openResults(t, options) {
  const page = await newPage(t, options);
  await login(page, 'centre-a');
  await openRoute(page, `jobs/${sample.jobId}/results`);
  await pageShown(page);
  return page;
}

/** Waits for a page of results to be shown and returns what the pager says of it. */
async function pageShown(page, number = 1) {
  const pager = page.locator(`[data-testid="results-page"][data-page="${number}"][data-rows]:not([data-rows=""])`);
  await pager.waitFor();
  return {
    rows: Number(await pager.getAttribute('data-rows')),
    total: Number(await pager.getAttribute('data-total')),
    more: (await pager.getAttribute('data-more')) === 'true',
  };
}

/** The outcome tags of the rows on the page shown. */
async function shownOutcomes(page) {
  return page.locator('[data-testid="results-table"] tbody tr[data-row-key] [data-outcome]').evaluateAll(
    (elements) => elements.map((element) => element.getAttribute('data-outcome')));
}

/** Pages through the table to its end (the API's cursors); every row's outcome and how many there were. */
async function walkPages(page) {
  const outcomes = [];
  const recordIds = new Set();
  for (let number = 1; ; number++) {
    const shown = await pageShown(page, number);
    const tags = await shownOutcomes(page);
    assert.equal(tags.length, shown.rows, 'the pager counts the rows shown');
    outcomes.push(...tags);
    for (const id of await page.locator('[data-testid="results-table"] tbody tr[data-row-key]').evaluateAll(
      (rows) => rows.map((row) => row.getAttribute('data-row-key')))) {
      assert.ok(!recordIds.has(id), `record ${id} shown twice`);
      recordIds.add(id);
    }
    if (!shown.more) return outcomes;
    await byTestId(page, 'results-next').click();
  }
}

test('the results table pages through every result, and each outcome filter through as many as the API counts', async (t) => {
  const page = await openResults(t);
  const decided = Object.values(OUTCOMES).reduce((sum, counter) => sum + sample[counter], 0);
  assert.equal(await byTestId(page, 'results-state').getAttribute('data-state'), 'COMPLETED');
  assert.equal(Number(await byTestId(page, 'results-counter-processed').getAttribute('data-count')), sample.processed);
  const first = await pageShown(page);
  assert.equal(first.total, decided, 'all results: matched + discrepancy + probable + not found + invalid');
  assert.equal(first.rows, Math.min(20, decided), 'the first page of 20');
  await screenshot(page, 'console-results');
  await checkA11y(page);

  // next and back again: the same first page
  const firstIds = await page.locator('[data-testid="results-table"] tbody tr[data-row-key]').evaluateAll(
    (rows) => rows.map((row) => row.getAttribute('data-row-key')));
  if (first.more) {
    await byTestId(page, 'results-next').click();
    await pageShown(page, 2);
    await byTestId(page, 'results-prev').click();
    await pageShown(page, 1);
    assert.deepEqual(await page.locator('[data-testid="results-table"] tbody tr[data-row-key]').evaluateAll(
      (rows) => rows.map((row) => row.getAttribute('data-row-key'))), firstIds);
  }

  // 100 a page, then every outcome through all its pages
  await byTestId(page, 'results-page-size').click();
  await page.locator('.ant-select-item-option[title="100"], .ant-select-item-option:has-text("100")').first().click();
  await pageShown(page);
  for (const [outcome, counter] of Object.entries(OUTCOMES)) {
    await byTestId(page, `results-filter-${outcome}`).click();
    await page.locator('[data-testid="results-page"][data-page="1"][data-rows]:not([data-rows=""])').waitFor();
    const outcomes = await walkPages(page);
    assert.equal(outcomes.length, sample[counter], `${outcome}: as many rows as the job's ${counter}`);
    assert.ok(outcomes.every((tag) => tag === outcome), `only ${outcome} rows`);
    assert.match(await byTestId(page, 'results-filter-ALL').innerText(), new RegExp(`[（(]${decided.toLocaleString('zh-CN')}[）)]`),
      'the All button keeps counting all results');
    if (outcome === 'INVALID' && sample.invalid > 0) {
      // the last page of INVALID is shown
      const reason = await page.locator('[data-testid="results-table"] tbody tr[data-row-key]').first().innerText();
      assert.match(reason, /VL-20\d\d/, 'an invalid ID says its reason code');
      assert.match(reason, /\p{Script=Han}{4,}/u, 'and what it means, in Chinese');
    }
  }
  await byTestId(page, 'results-filter-ALL').click();
  assert.equal((await walkPages(page)).length, decided, 'all results, page by page');
  await checkA11y(page);
});

/** Clicks a download button and returns the file the browser saved and its suggested name. */
async function download(page, format) {
  // a loaded machine may take a while to stream the results: longer than the page's default 15 s
  const [saved] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    byTestId(page, `results-download-${format}`).click(),
  ]);
  const body = await readFile(await saved.path());
  return { name: saved.suggestedFilename(), body };
}

test('the CSV, NDJSON and FHIR downloads are the API\'s own answers for the same Accept', async (t) => {
  const page = await openResults(t);
  const job = sample.jobId;

  const csv = await download(page, 'csv');
  assert.equal(csv.name, `vitalink-${job}.csv`);
  const apiCsv = Buffer.from(await (await apiGet('centre-a', `/api/v1/jobs/${job}/results`, 'text/csv')).arrayBuffer());
  assert.ok(csv.body.equals(apiCsv), `the CSV download is byte for byte the API's (${csv.body.length} vs ${apiCsv.length} bytes)`);
  assert.ok(csv.body.toString('utf8').startsWith('record_id,outcome,'));

  const ndjson = await download(page, 'ndjson');
  assert.equal(ndjson.name, `vitalink-${job}.ndjson`);
  const apiNdjson = Buffer.from(await (await apiGet('centre-a', `/api/v1/jobs/${job}/results`, 'application/x-ndjson')).arrayBuffer());
  assert.ok(ndjson.body.equals(apiNdjson), `the NDJSON download is byte for byte the API's (${ndjson.body.length} vs ${apiNdjson.length} bytes)`);
  const lines = ndjson.body.toString('utf8').split('\n').filter((line) => line.trim());
  const decided = Object.values(OUTCOMES).reduce((sum, counter) => sum + sample[counter], 0);
  assert.equal(lines.length, decided, 'one line per result');

  // the Bundle's timestamp is when it was written: everything else is the same
  const fhir = await download(page, 'fhir');
  assert.equal(fhir.name, `vitalink-${job}.fhir.json`);
  const apiFhir = await (await apiGet('centre-a', `/api/v1/jobs/${job}/results`, 'application/fhir+json')).json();
  const bundle = JSON.parse(fhir.body.toString('utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.entry.filter((entry) => entry.resource.resourceType === 'Patient').length, decided, 'a Patient per result');
  delete bundle.timestamp;
  delete apiFhir.timestamp;
  assert.deepEqual(bundle, apiFhir, 'the FHIR download is the API\'s Bundle');

  // the whole cause section: ?detail=causes
  await byTestId(page, 'results-download-causes').click();
  const causes = await download(page, 'csv');
  const apiCauses = Buffer.from(await (await apiGet('centre-a', `/api/v1/jobs/${job}/results?detail=causes`, 'text/csv')).arrayBuffer());
  assert.ok(causes.body.equals(apiCauses), 'the CSV with causes is the API\'s ?detail=causes answer');
  assert.match(causes.body.toString('utf8').split('\r\n')[0], /direct_cause_interval/);
  assert.match(await byTestId(page, 'results-download-status').innerText(), new RegExp(`vitalink-${job}\\.csv`));
});

test('the changes tab of a job that is not watched says why it is empty, as the API\'s feed is', async (t) => {
  const page = await openResults(t, { locale: 'en-US' });
  const feed = await (await apiGet('centre-a', `/api/v1/jobs/${sample.jobId}/changes`, 'application/x-ndjson')).text();
  assert.equal(sample.watchUntil, null, 'the sample job is not watched');
  assert.equal(feed.trim(), '', 'and the API has no changes for it');

  await byTestId(page, 'results-tab-changes').click();
  const empty = byTestId(page, 'changes-empty');
  await empty.waitFor();
  assert.match(await empty.innerText(), /watchUntil/);
  assert.equal(await byTestId(page, 'changes-count').getAttribute('data-count'), '0');
  await checkA11y(page);
});

test('an auditor may not open a job\'s results', async (t) => {
  const page = await newPage(t);
  await login(page, 'auditor');
  await openRoute(page, `jobs/${sample.jobId}/results`);
  await byTestId(page, 'forbidden').waitFor();
});

/** The overview's window as the page computes it: local midnight DAYS - 1 days ago (the test runs beside the browser). */
function windowStart() {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - (DAYS - 1));
  return day.toISOString();
}

/** What the overview should say for `user`'s jobs now: the outcome sums and the chapter counts. */
async function expectedFigures(user) {
  const jobs = await listJobs(user, `&from=${encodeURIComponent(windowStart())}`);
  const outcomes = Object.fromEntries(Object.values(OUTCOMES).map((counter) => [counter, jobs.reduce((sum, job) => sum + job[counter], 0)]));
  const chapters = {};
  for (const job of jobs) {
    for (const [chapter, count] of Object.entries(job.deathsByUnderlyingCauseChapter ?? {})) chapters[chapter] = (chapters[chapter] ?? 0) + count;
  }
  return { jobs: jobs.length, processed: jobs.reduce((sum, job) => sum + job.processed, 0), outcomes, chapters };
}

/** The outcome words of the console (outcomes.json) in each language. */
const OUTCOME_WORDS = {
  'zh-CN': { matched: '已匹配', matchedWithDiscrepancy: '匹配但有差异', probable: '可能匹配', notFound: '未找到', invalid: '证件无效' },
  en: { matched: 'Matched', matchedWithDiscrepancy: 'Matched with discrepancy', probable: 'Probable', notFound: 'Not found', invalid: 'Invalid ID' },
};

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the overview's figures are those of the API (it refreshes every 10 s; other tests may add jobs). */
async function dashboardAgrees(page, user, language) {
  const number = new Intl.NumberFormat(language);
  const end = language === 'en' ? '(?:;|$)' : '(?:；|$)';
  let last = '';
  for (let attempt = 0; attempt < 15; attempt++) {
    const figures = await expectedFigures(user);
    const outcomes = await byTestId(page, 'dashboard-outcomes-canvas').getAttribute('aria-label').catch(() => null);
    const chapters = await byTestId(page, 'dashboard-chapters-canvas').getAttribute('aria-label').catch(() => null);
    const jobs = await byTestId(page, 'dashboard-stat-jobs').getAttribute('data-value');
    last = `outcomes "${outcomes}", chapters "${chapters}", jobs ${jobs}; API ${JSON.stringify(figures)}`;
    const agrees = outcomes && chapters && Number(jobs) === figures.jobs
      && outcomes.includes(number.format(figures.processed))
      && Object.entries(figures.outcomes).every(([counter, count]) =>
        new RegExp(`(?:^|[:：；;] ?)${escape(OUTCOME_WORDS[language][counter])} ${escape(number.format(count))}(?:[ （(；;]|$)`).test(outcomes))
      && Object.entries(figures.chapters).every(([numeral, count]) =>
        new RegExp(`${language === 'en' ? 'Chapter' : '第'} ${numeral} [^；;]* ${escape(number.format(count))}${end}`).test(chapters));
    if (agrees) return figures;
    await page.waitForTimeout(2_000);
  }
  assert.fail(`the overview does not agree with the API: ${last}`);
}

test('the overview charts the visible jobs, with their numbers in words, in Chinese and English', async (t) => {
  const page = await newPage(t);
  await login(page, 'centre-a');
  await openRoute(page, '');
  for (const chart of ['outcomes', 'throughput', 'chapters']) {
    await page.locator(`[data-testid="dashboard-chart-${chart}"] canvas`).waitFor();
  }
  const figures = await dashboardAgrees(page, 'centre-a', 'zh-CN');
  const outcomes = await byTestId(page, 'dashboard-outcomes-canvas').getAttribute('aria-label');
  assert.match(outcomes, /已匹配/);
  assert.ok(Object.keys(figures.chapters).length > 0, 'the sample job linked deaths with an underlying cause');
  assert.match(await byTestId(page, 'dashboard-chapters-canvas').getAttribute('aria-label'), /肿瘤|循环系统疾病|呼吸系统疾病/);
  assert.match(await byTestId(page, 'dashboard-throughput-canvas').getAttribute('aria-label'),
    new RegExp(new Intl.NumberFormat('zh-CN').format(figures.processed)));
  assert.equal(await page.locator('[data-testid="dashboard-latest-job"] a').first().getAttribute('href'),
    `#/jobs/${(await (await apiGet('centre-a', '/api/v1/jobs?limit=1')).json()).jobs[0].jobId}`);
  await checkA11y(page);

  await byTestId(page, 'lang-en').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.mouse.move(0, 0); // the language button's hover colour is not what is checked
  await dashboardAgrees(page, 'centre-a', 'en');
  assert.match(await byTestId(page, 'dashboard-outcomes-canvas').getAttribute('aria-label'), /Matched/);
  assert.match(await byTestId(page, 'dashboard-chapters-canvas').getAttribute('aria-label'), /Chapter [IVX]+ \p{Script=Latin}/u);
  await checkA11y(page);
});

test('an auditor\'s overview covers every organisation\'s jobs', async (t) => {
  const page = await newPage(t, { locale: 'en-US' });
  await login(page, 'auditor');
  await openRoute(page, '');
  await page.locator('[data-testid="dashboard-chart-outcomes"] canvas').waitFor();
  await dashboardAgrees(page, 'auditor', 'zh-CN');
  assert.match(await byTestId(page, 'dashboard-scope').innerText(), /所有机构/);
});
