import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Spin, Statistic, Tag, Tooltip as Hint, Typography } from 'antd';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart as ChartJS, DoughnutController, Legend, LinearScale, Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import i18n from '../../i18n';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import { CHAPTERS } from './chapters';

// only what the three charts use
ChartJS.register(DoughnutController, BarController, ArcElement, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

type Job = Schemas['JobView'];

/** The window the overview covers, and how many jobs of it at most (newest first, 1,000 a page). */
export const DAYS = 30;
const PAGE_SIZE = 1000;
const MAX_PAGES = 5;
const REFRESH_MS = 10_000;

const OUTCOME_SERIES = [
  { outcome: 'MATCHED', counter: 'matched', color: '#389e0d' },
  { outcome: 'MATCHED_WITH_DISCREPANCY', counter: 'matchedWithDiscrepancy', color: '#d46b08' },
  { outcome: 'PROBABLE', counter: 'probable', color: '#1677ff' },
  { outcome: 'NOT_FOUND', counter: 'notFound', color: '#8c8c8c' },
  { outcome: 'INVALID', counter: 'invalid', color: '#cf1322' },
] as const;

const RUNNING = new Set(['RECEIVING', 'RUNNING']);

/** Local midnight `days - 1` days before today: the first day the overview shows. */
function firstDay(): Date {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - (DAYS - 1));
  return day;
}

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The jobs the user may see created since the first day, newest first, at most MAX_PAGES pages of them. */
async function recentJobs(): Promise<{ jobs: Job[]; truncated: boolean }> {
  const jobs: Job[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = unwrap(await api.GET('/api/v1/jobs', {
      params: { query: { from: firstDay().toISOString(), limit: String(PAGE_SIZE), cursor } },
    }));
    jobs.push(...answer.jobs);
    if (!answer.next) return { jobs, truncated: false };
    cursor = answer.next;
  }
  return { jobs, truncated: true };
}

/** 概览: charts and figures of the jobs the user may see (a submitter's organisation's, an auditor's every one). */
export function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession()!;
  const [data, setData] = useState<{ jobs: Job[]; truncated: boolean; at: Date } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const { jobs, truncated } = await recentJobs();
      setData({ jobs, truncated, at: new Date() });
      setProblem(null);
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, [t]);

  // every 10 s while the page is visible, and at once when it becomes visible again
  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const auditor = session.roles.includes('AUDITOR');
  return (
    <>
      <PageTitle
        extra={
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={busy} data-testid="dashboard-refresh">
            {t('common:action.refresh')}
          </Button>
        }
      >
        {t('dashboard:title')}
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="dashboard-scope">
          {t(auditor ? 'dashboard:scope.auditor' : 'dashboard:scope.submitter', { days: DAYS })}
          {data && ` · ${t('dashboard:updatedAt', { time: formatDateTime(data.at.toISOString()) })}`}
        </Typography.Text>
        {problem && <ProblemAlert problem={problem} />}
        {data?.truncated && (
          <Alert type="warning" showIcon message={t('dashboard:truncated', { days: DAYS, n: formatNumber(data.jobs.length) })} />
        )}
        {!data && !problem && <Spin aria-label={t('common:loading')} />}
        {data && <Overview jobs={data.jobs} />}
      </Space>
    </>
  );
}

function Overview({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  const figures = useMemo(() => summarise(jobs), [jobs]);
  const language = i18n.language;

  const stats = [
    { key: 'jobs', value: formatNumber(jobs.length), raw: jobs.length },
    { key: 'records', value: formatNumber(figures.processed), raw: figures.processed },
    {
      key: 'matchRate',
      value: figures.processed ? formatPercent(figures.linked / figures.processed) : '—',
      raw: figures.processed ? figures.linked / figures.processed : '',
      hint: t('dashboard:stat.matchRateHint'),
    },
    { key: 'running', value: formatNumber(figures.running), raw: figures.running, hint: t('dashboard:stat.runningHint') },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {stats.map((stat) => (
          <Col key={stat.key} xs={12} lg={6}>
            <Card size="small" data-testid={`dashboard-stat-${stat.key}`} data-value={stat.raw}>
              <Statistic
                title={
                  <span>
                    {t(`dashboard:stat.${stat.key}`)}
                    {stat.hint && (
                      <Hint title={stat.hint}>
                        <QuestionCircleOutlined style={{ marginLeft: 6 }} aria-label={stat.hint} role="img" tabIndex={0} />
                      </Hint>
                    )}
                  </span>
                }
                value={stat.value}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {jobs.length === 0 && <Empty description={t('dashboard:empty', { days: DAYS })} data-testid="dashboard-empty" />}
      {jobs.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <OutcomeChart figures={figures} language={language} />
          </Col>
          <Col xs={24} xl={14}>
            <ThroughputChart jobs={jobs} language={language} />
          </Col>
          <Col xs={24} xl={14}>
            <ChapterChart chapters={figures.chapters} language={language} />
          </Col>
          <Col xs={24} xl={10}>
            <LatestJobs jobs={jobs.slice(0, 5)} />
          </Col>
        </Row>
      )}
    </Space>
  );
}

interface Figures {
  processed: number;
  linked: number;
  running: number;
  outcomes: Record<string, number>;
  chapters: Map<string, number>;
}

function summarise(jobs: Job[]): Figures {
  const outcomes: Record<string, number> = {};
  const chapters = new Map<string, number>();
  let processed = 0;
  let running = 0;
  for (const job of jobs) {
    processed += job.processed;
    if (RUNNING.has(job.state)) running += 1;
    for (const { counter } of OUTCOME_SERIES) outcomes[counter] = (outcomes[counter] ?? 0) + job[counter];
    for (const [chapter, deaths] of Object.entries(job.deathsByUnderlyingCauseChapter ?? {})) {
      chapters.set(chapter, (chapters.get(chapter) ?? 0) + Number(deaths));
    }
  }
  const linked = outcomes.matched + outcomes.matchedWithDiscrepancy + outcomes.probable;
  return { processed, linked, running, outcomes, chapters };
}

/** A chart's card: the heading, an optional hint, and the chart or what stands for it when there is nothing. */
function ChartCard({ id, title, hint, children }: { id: string; title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Card
      size="small"
      data-testid={`dashboard-chart-${id}`}
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>}
    >
      {hint && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{hint}</Typography.Paragraph>}
      {children}
    </Card>
  );
}

function OutcomeChart({ figures, language }: { figures: Figures; language: string }) {
  const { t } = useTranslation();
  const decided = OUTCOME_SERIES.reduce((sum, { counter }) => sum + figures.outcomes[counter], 0);
  const parts = OUTCOME_SERIES.map(({ outcome, counter }) => {
    const count = figures.outcomes[counter];
    const share = decided ? ` (${formatPercent(count / decided)})` : '';
    return t('dashboard:chart.part', { name: t(`outcomes:outcome.${outcome}`), n: `${formatNumber(count)}${share}` });
  }).join(t('dashboard:chart.separator'));
  const label = t('dashboard:chart.outcomesLabel', { total: formatNumber(figures.processed), parts });
  const options: ChartOptions<'doughnut'> = {
    animation: false,
    maintainAspectRatio: false,
    locale: language,
    plugins: { legend: { position: 'bottom' } },
  };
  return (
    <ChartCard id="outcomes" title={t('dashboard:chart.outcomes')}>
      {decided === 0 ? <Empty description={t('dashboard:chart.outcomesEmpty')} /> : (
        <div style={{ height: 300 }}>
          <Doughnut
            role="img"
            aria-label={label}
            data-testid="dashboard-outcomes-canvas"
            options={options}
            data={{
              labels: OUTCOME_SERIES.map(({ outcome }) => t(`outcomes:outcome.${outcome}`)),
              datasets: [{
                data: OUTCOME_SERIES.map(({ counter }) => figures.outcomes[counter]),
                backgroundColor: OUTCOME_SERIES.map(({ color }) => color),
              }],
            }}
          >
            {label}
          </Doughnut>
        </div>
      )}
    </ChartCard>
  );
}

function ThroughputChart({ jobs, language }: { jobs: Job[]; language: string }) {
  const { t } = useTranslation();
  const days = useMemo(() => {
    const first = firstDay();
    const list = Array.from({ length: DAYS }, (_, i) => {
      const day = new Date(first);
      day.setDate(first.getDate() + i);
      return { key: dayKey(day), date: day, records: 0, jobs: 0 };
    });
    const byKey = new Map(list.map((day) => [day.key, day]));
    for (const job of jobs) {
      if (!job.createdAt) continue;
      const day = byKey.get(dayKey(new Date(job.createdAt)));
      if (!day) continue;
      day.records += job.processed;
      day.jobs += 1;
    }
    return list;
  }, [jobs]);
  const short = new Intl.DateTimeFormat(language, { month: 'numeric', day: 'numeric' });
  const long = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const active = days.filter((day) => day.jobs > 0);
  const parts = active.length
    ? active.map((day) => t('dashboard:chart.throughputDay', {
      day: long.format(day.date), records: formatNumber(day.records), jobs: formatNumber(day.jobs),
    })).join(t('dashboard:chart.separator'))
    : t('dashboard:chart.throughputNone');
  const label = t('dashboard:chart.throughputLabel', { days: DAYS, parts });
  const options: ChartOptions<'bar'> = {
    animation: false,
    maintainAspectRatio: false,
    locale: language,
    scales: {
      y: { beginAtZero: true, position: 'left', title: { display: true, text: t('dashboard:chart.records') } },
      y1: {
        beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { precision: 0 },
        title: { display: true, text: t('dashboard:chart.jobs') },
      },
    },
    plugins: { legend: { position: 'bottom' } },
  };
  return (
    <ChartCard id="throughput" title={t('dashboard:chart.throughput')} hint={t('dashboard:chart.throughputHint')}>
      <div style={{ height: 280 }}>
        <Bar
          role="img"
          aria-label={label}
          data-testid="dashboard-throughput-canvas"
          options={options}
          data={{
            labels: days.map((day) => short.format(day.date)),
            datasets: [
              { label: t('dashboard:chart.records'), data: days.map((day) => day.records), backgroundColor: '#1677ff', yAxisID: 'y' },
              { label: t('dashboard:chart.jobs'), data: days.map((day) => day.jobs), backgroundColor: '#fa8c16', yAxisID: 'y1' },
            ],
          }}
        >
          {label}
        </Bar>
      </div>
    </ChartCard>
  );
}

function ChapterChart({ chapters, language }: { chapters: Map<string, number>; language: string }) {
  const { t } = useTranslation();
  // chapter order; a chapter the API names that this console does not know is shown by its numeral, last
  const shown = [
    ...CHAPTERS.filter((chapter) => chapters.get(chapter)),
    ...[...chapters.keys()].filter((chapter) => !(CHAPTERS as readonly string[]).includes(chapter) && chapters.get(chapter)),
  ];
  const name = (chapter: string) => (CHAPTERS as readonly string[]).includes(chapter)
    ? `${chapter} ${t(`dashboard:chapter.${chapter}`)}` : chapter;
  const parts = shown.map((chapter) => t('dashboard:chart.part', {
    name: t('dashboard:chapterName', { numeral: chapter, title: t(`dashboard:chapter.${chapter}`, { defaultValue: '' }) }).trim(),
    n: formatNumber(chapters.get(chapter)),
  })).join(t('dashboard:chart.separator'));
  const label = t('dashboard:chart.chaptersLabel', { parts });
  const options: ChartOptions<'bar'> = {
    animation: false,
    maintainAspectRatio: false,
    indexAxis: 'y',
    locale: language,
    scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    plugins: { legend: { display: false } },
  };
  return (
    <ChartCard id="chapters" title={t('dashboard:chart.chapters')} hint={t('dashboard:chart.chaptersHint')}>
      {shown.length === 0 ? <Empty description={t('dashboard:chart.chaptersEmpty')} /> : (
        <div style={{ height: Math.max(160, 40 + shown.length * 28) }}>
          <Bar
            role="img"
            aria-label={label}
            data-testid="dashboard-chapters-canvas"
            options={options}
            data={{
              labels: shown.map(name),
              datasets: [{ label: t('dashboard:chart.deaths'), data: shown.map((chapter) => chapters.get(chapter) ?? 0), backgroundColor: '#722ed1' }],
            }}
          >
            {label}
          </Bar>
        </div>
      )}
    </ChartCard>
  );
}

function LatestJobs({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="dashboard-latest"
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('dashboard:latest.title')}</Typography.Title>}
    >
      <List
        size="small"
        dataSource={jobs}
        locale={{ emptyText: t('dashboard:latest.empty') }}
        renderItem={(job) => (
          <List.Item key={job.jobId} data-testid="dashboard-latest-job">
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Link to={`/jobs/${job.jobId}`} style={{ fontFamily: 'monospace' }}>{job.jobId}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dashboard:latest.created', { time: formatDateTime(job.createdAt) })}
                {' · '}
                {job.expected != null
                  ? t('dashboard:latest.progress', { processed: formatNumber(job.processed), expected: formatNumber(job.expected) })
                  : t('dashboard:latest.progressOpen', { processed: formatNumber(job.processed) })}
              </Typography.Text>
            </Space>
            <Tag>{t(`outcomes:state.${job.state}`)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
