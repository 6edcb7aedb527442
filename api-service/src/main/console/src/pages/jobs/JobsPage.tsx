import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Button, Card, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../components/CursorPager';
import { Link } from 'react-router-dom';
import { api, mayCall, unwrap, type Problem } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDateTime, formatNumber } from '../../i18n/format';
import {
  applicationStatus, CancelJobButton, COUNTERS, isEnded, JOB_STATES, JobProgress, shortId, StateTag, useLiveRefresh,
  type Job,
} from './jobShared';

interface Filters {
  state?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
  limit: number;
}

const PAGE_SIZES = [20, 50, 100];

/**
 * 任务列表: GET /api/v1/jobs, newest first, a page at a time (the API's cursor), filtered by state and creation day;
 * refreshed every 2 s while a job on the page is not ended and the tab is visible. A SUBMITTER cancels from here.
 */
export function JobsPage() {
  const { t } = useTranslation();
  const session = useSession()!;
  const mayCancel = mayCall('cancelJob', session.roles);
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ limit: PAGE_SIZES[0] });
  // the cursor of every page up to the one shown: cursors[0] is the first page's (none)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cursor = cursors[cursors.length - 1];

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setLoading(true);
    try {
      const page = unwrap(await api.GET('/api/v1/jobs', {
        params: {
          query: {
            state: filters.state || undefined,
            from: filters.from ? filters.from.startOf('day').toISOString() : undefined,
            // the day chosen is included: up to the start of the next
            to: filters.to ? filters.to.add(1, 'day').startOf('day').toISOString() : undefined,
            limit: String(filters.limit),
            cursor,
          },
        },
      }));
      setJobs(page.jobs);
      setNext(page.next ?? null);
      setProblem(null);
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      if (!quiet) setLoading(false);
    }
  }, [filters, cursor, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // jobs whose watch the user asked to end: shown ended once the matcher has taken it
  const [watchesEnding, setWatchesEnding] = useState<string[]>([]);
  const live = useLiveRefresh(
    !!jobs?.some((job) => !isEnded(job.state) || (watchesEnding.includes(job.jobId) && !job.watchEndedAt)),
    () => load(true),
  );

  function apply(values: Filters) {
    setFilters({ ...values, limit: values.limit ?? PAGE_SIZES[0] });
    setCursors([undefined]);
  }

  function reset() {
    form.resetFields();
    apply({ limit: PAGE_SIZES[0] });
  }

  function replace(changed: Job) {
    if (changed.state === 'COMPLETED') setWatchesEnding((ending) => [...ending, changed.jobId]);
    setJobs((shown) => shown?.map((job) => job.jobId === changed.jobId ? { ...job, ...changed } : job) ?? null);
  }

  const columns: ColumnsType<Job> = [
    {
      title: t('jobs:column.id'),
      key: 'id',
      render: (_, job) => (
        <Space size={4}>
          <Link to={`/jobs/${job.jobId}`} data-testid="job-link" aria-label={t('jobs:openJob', { id: job.jobId })}>
            <Typography.Text code>{shortId(job.jobId)}</Typography.Text>
          </Link>
          <Typography.Text copyable={{ text: job.jobId, tooltips: [t('jobs:copyId'), t('jobs:copied')] }} />
        </Space>
      ),
    },
    { title: t('jobs:column.created'), key: 'created', width: 170, render: (_, job) => formatDateTime(job.createdAt) },
    { title: t('jobs:column.state'), key: 'state', render: (_, job) => <StateTag state={job.state} /> },
    {
      title: t('jobs:column.progress'),
      key: 'progress',
      width: 200,
      render: (_, job) => <JobProgress job={job} size="small" />,
    },
    {
      title: t('jobs:column.counters'),
      key: 'counters',
      width: 250,
      render: (_, job) => (
        <Space wrap size={[12, 0]} data-testid="job-counters">
          {COUNTERS.filter((counter) => ['matched', 'probable', 'notFound', 'invalid'].includes(counter) || (job[counter] ?? 0) > 0)
            .map((counter) => (
              <span key={counter} data-counter={counter} data-value={job[counter] ?? 0} style={{ whiteSpace: 'nowrap' }}>
                {t(`outcomes:counter.${counter}`)} <strong>{formatNumber(job[counter] ?? 0)}</strong>
              </span>
            ))}
        </Space>
      ),
    },
    {
      title: t('jobs:column.application'),
      key: 'application',
      render: (_, job) => job.application
        ? (
          <span>
            <Typography.Text code>{shortId(job.application.id)}</Typography.Text>{' '}
            {applicationStatus(t, job.application.status)}
          </span>
        )
        : <Typography.Text type="secondary">{t('jobs:application.none')}</Typography.Text>,
    },
    {
      title: t('jobs:column.actions'),
      key: 'actions',
      render: (_, job) => (
        <Space wrap>
          <Link to={`/jobs/${job.jobId}`} aria-label={t('jobs:viewLabel', { id: shortId(job.jobId) })}>{t('jobs:view')}</Link>
          {mayCancel && <CancelJobButton job={job} size="small" onDone={replace} onProblem={setProblem} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={(
          <Space>
            {live && (
              <Typography.Text type="secondary" data-testid="jobs-live">
                <SyncOutlined spin /> {t('jobs:live')}
              </Typography.Text>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => load()} data-testid="jobs-refresh">{t('common:action.refresh')}</Button>
          </Space>
        )}
      >
        {t('jobs:title')}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters>
          form={form}
          layout="inline"
          onFinish={apply}
          initialValues={{ limit: PAGE_SIZES[0] }}
          aria-label={t('jobs:filter.label')}
          role="search"
        >
          <Form.Item label={t('jobs:filter.state')} name="state">
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('jobs:filter.anyState')}
              data-testid="jobs-filter-state"
              options={JOB_STATES.map((state) => ({ value: state, label: t(`outcomes:state.${state}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('jobs:filter.from')} name="from">
            <DatePicker data-testid="jobs-filter-from" />
          </Form.Item>
          <Form.Item label={t('jobs:filter.to')} name="to">
            <DatePicker data-testid="jobs-filter-to" />
          </Form.Item>
          <Form.Item label={t('jobs:filter.limit')} name="limit">
            <Select style={{ width: 100 }} options={PAGE_SIZES.map((size) => ({ value: size, label: formatNumber(size) }))} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="jobs-filter-apply">{t('common:action.search')}</Button>
              <Button onClick={reset} data-testid="jobs-filter-reset">{t('common:action.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} /></div>}
      {/* contain: the table's width must not widen the layout (it scrolls sideways instead) */}
      <div style={{ contain: 'inline-size' }}>
        <Table<Job>
          rowKey="jobId"
          data-testid="jobs-table"
          caption={<Typography.Text type="secondary" style={{ display: 'block', textAlign: 'start', padding: '4px 0' }}>{t('jobs:caption')}</Typography.Text>}
          columns={columns}
          dataSource={jobs ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(job) => ({ 'data-job-id': job.jobId, 'data-state': job.state } as HTMLAttributes<HTMLElement>)}
          locale={{ emptyText: jobs ? t('jobs:empty') : t('common:loading') }}
        />
      </div>
      <CursorPager cursors={cursors} setCursors={setCursors} next={next} loading={loading} label={t('jobs:paging')} testId="jobs" />
    </>
  );
}
