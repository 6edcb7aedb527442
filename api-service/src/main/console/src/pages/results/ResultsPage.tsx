import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatNumber } from '../../i18n/format';
import { formatDay } from './cells';
import { ChangesTab } from './ChangesTab';
import { ResultsTab } from './ResultsTab';

type Job = Schemas['JobView'];

const COUNTERS = [
  'expected', 'processed', 'matched', 'matchedWithDiscrepancy', 'probable', 'notFound', 'invalid', 'deadLettered', 'skipped',
] as const;

/** 结果: a job's results (SUBMITTER of its organisation): summary, filterable table, downloads, changes feed. */
export function ResultsPage() {
  const { t } = useTranslation();
  const { jobId = '' } = useParams();
  const [job, setJob] = useState<Job | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const loadJob = useCallback(async () => {
    try {
      setJob(unwrap(await api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId } } })));
      setProblem(null);
    } catch (e) {
      setProblem(toProblem(t, e));
    }
  }, [jobId, t]);

  useEffect(() => {
    loadJob();
  }, [loadJob]);

  return (
    <>
      <PageTitle extra={<Link to={`/jobs/${jobId}`} data-testid="results-back">{t('results:backToJob')}</Link>}>
        {t('results:title')}
      </PageTitle>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} /></div>}
      <Card size="small" style={{ marginBottom: 16 }}>
        <section aria-label={t('results:summary.label')} data-testid="results-summary">
          <Typography.Text strong style={{ marginRight: 12 }}>
            {t('results:job', { jobId })}
          </Typography.Text>
          {!job && !problem && <Spin size="small" />}
          {job && <JobSummary job={job} />}
        </section>
      </Card>
      <Tabs
        items={[
          {
            key: 'results',
            label: <span data-testid="results-tab-results">{t('results:tabs.results')}</span>,
            children: <ResultsTab jobId={jobId} job={job} onReload={loadJob} />,
          },
          {
            key: 'changes',
            label: <span data-testid="results-tab-changes">{t('results:tabs.changes')}</span>,
            children: <ChangesTab jobId={jobId} job={job} />,
          },
        ]}
      />
    </>
  );
}

function JobSummary({ job }: { job: Job }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={[16, 4]} style={{ display: 'inline-flex' }}>
      <span>
        {t('results:summary.state')}: <Tag data-testid="results-state" data-state={job.state}>{t(`outcomes:state.${job.state}`)}</Tag>
      </span>
      {COUNTERS.map((counter) => {
        const value = job[counter];
        if (value == null || ((counter === 'deadLettered' || counter === 'skipped') && value === 0)) return null;
        return (
          <span key={counter} data-testid={`results-counter-${counter}`} data-count={value}>
            {t(`outcomes:counter.${counter}`)} <Typography.Text strong>{formatNumber(value)}</Typography.Text>
          </span>
        );
      })}
      {job.watchUntil && <span>{t('results:summary.watchUntil', { date: formatDay(job.watchUntil) })}</span>}
      {job.state !== 'COMPLETED' && job.state !== 'FAILED' && job.state !== 'CANCELLED' && (
        <Alert type="info" showIcon message={t('results:summary.partial')} style={{ padding: '2px 8px' }} />
      )}
    </Space>
  );
}
