import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Statistic, Timeline, Typography } from 'antd';
import { FileSearchOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, mayCall, unwrap, type Problem, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import {
  applicationStatus, CancelJobButton, COUNTERS, formatDuration, isEnded, JobProgress, shortId, StateTag, useLiveRefresh,
  type Job,
} from './jobShared';

type JobLog = Schemas['JobLogView'];

const EVENT_COLOURS: Record<string, string> = {
  ACCEPTED: 'gray', STARTED: 'blue', COMPLETED: 'green', FAILED: 'red', CANCELLED: 'orange',
};

/**
 * 任务详情: GET /api/v1/jobs/{id} (state, progress, counters, times, the application as it stands) and its log
 * (GET …/log: who submitted it, how long it took, the lifecycle events); refreshed every 2 s until the job has ended.
 * 查看结果 only for roles that may read results (an AUDITOR sees status and log, never results).
 */
export function JobPage() {
  const { t } = useTranslation();
  const { jobId = '' } = useParams();
  const session = useSession()!;
  const [job, setJob] = useState<Job | null>(null);
  const [log, setLog] = useState<JobLog | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    try {
      const path = { params: { path: { jobId } } };
      const [status, events] = await Promise.all([
        api.GET('/api/v1/jobs/{jobId}', path).then(unwrap),
        api.GET('/api/v1/jobs/{jobId}/log', path).then(unwrap),
      ]);
      setJob(status);
      setLog(events);
      setProblem(null);
    } catch (e) {
      setProblem(toProblem(t, e));
    }
  }, [jobId, t]);

  useEffect(() => {
    setJob(null);
    setLog(null);
    void load();
  }, [load]);

  // a watch whose end was asked for shows it once the matcher has taken it: refresh until then
  const [watchEnding, setWatchEnding] = useState(false);
  const live = useLiveRefresh(!!job && (!isEnded(job.state) || (watchEnding && !job.watchEndedAt)), load);
  const title = t('jobs:job.title', { id: shortId(jobId) });

  if (!job) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        {problem ? <ProblemAlert problem={problem} /> : <Spin tip={t('common:loading')}><div style={{ height: 120 }} /></Spin>}
      </>
    );
  }

  const ended = isEnded(job.state);
  return (
    <>
      <PageTitle
        extra={(
          <Space wrap>
            {live && (
              <Typography.Text type="secondary" data-testid="job-live">
                <SyncOutlined spin /> {t('jobs:live')}
              </Typography.Text>
            )}
            <Button icon={<ReloadOutlined />} onClick={load} data-testid="job-refresh">{t('common:action.refresh')}</Button>
            {mayCall('cancelJob', session.roles) && (
              <CancelJobButton
                job={job}
                onDone={(answer) => {
                  setActionProblem(null);
                  setJob(answer);
                  if (answer.state === 'COMPLETED') setWatchEnding(true);
                  void load();
                }}
                onProblem={setActionProblem}
              />
            )}
            {mayCall('getJobResults', session.roles) && (
              <Button type="primary" icon={<FileSearchOutlined />} href={`#/jobs/${job.jobId}/results`} data-testid="job-results">
                {t('jobs:job.results')}
              </Button>
            )}
          </Space>
        )}
      >
        {title}
      </PageTitle>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="job-refresh-problem" /></div>}
      {actionProblem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={actionProblem} /></div>}
      {job.state === 'FAILED' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="job-failure"
          title={t('jobs:job.failed', {
            code: job.reasonCode ?? '',
            words: job.reasonCode ? t(`errors:${job.reasonCode}`, { defaultValue: job.reasonCode }) : t('jobs:job.noReason'),
          })}
          description={job.reason ? t('common:problem.detail', { detail: job.reason }) : undefined}
        />
      )}
      {job.state === 'CANCELLED' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="job-cancelled"
          title={t('jobs:job.cancelled', { skipped: formatNumber(job.skipped ?? 0) })}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Space align="center" size="large" wrap style={{ marginBottom: 16 }} data-testid="job-header">
          <StateTag state={job.state} />
          <Typography.Text copyable={{ text: job.jobId, tooltips: [t('jobs:copyId'), t('jobs:copied')] }} data-testid="job-id">
            <Typography.Text code>{job.jobId}</Typography.Text>
          </Typography.Text>
        </Space>
        <JobProgress job={job} />
        <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="job-counters">
          {(['expected', 'processed', ...COUNTERS] as const).map((counter) => (
            <Col key={counter} xs={12} sm={8} md={6} lg={4} xl={3}>
              <div data-counter={counter} data-value={job[counter] ?? ''}>
                <Statistic
                  title={t(`outcomes:counter.${counter}`)}
                  value={job[counter] == null ? t('jobs:job.notYetKnown') : formatNumber(job[counter])}
                />
              </div>
            </Col>
          ))}
          {job.watchUntil && (
            <Col xs={12} sm={8} md={6} lg={4} xl={3}>
              <div data-counter="changes" data-value={job.changes ?? 0}>
                <Statistic title={t('outcomes:counter.changes')} value={formatNumber(job.changes ?? 0)} />
              </div>
            </Col>
          )}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('jobs:job.details')}</h2>} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" bordered data-testid="job-details" items={[
              { key: 'organisation', label: t('jobs:job.organisation'), children: log?.organisation ?? '' },
              { key: 'submittedBy', label: t('jobs:job.submittedBy'), children: log?.submittedBy ?? '' },
              { key: 'created', label: t('jobs:job.createdAt'), children: formatDateTime(job.createdAt) },
              { key: 'started', label: t('jobs:job.startedAt'), children: formatDateTime(job.startedAt) || t('jobs:job.notYet') },
              {
                key: 'ended',
                label: t('jobs:job.endedAt'),
                children: formatDateTime(job.endedAt ?? job.completedAt) || t('jobs:job.notYet'),
              },
              {
                key: 'duration',
                label: t('jobs:job.duration'),
                children: log?.durationMs != null ? formatDuration(log.durationMs) : t('jobs:job.notYet'),
              },
              {
                key: 'application',
                label: t('jobs:job.application'),
                children: job.application
                  ? (
                    <span data-testid="job-application">
                      <Typography.Text code>{job.application.id}</Typography.Text>
                      <br />
                      {applicationStatus(t, job.application.status)}
                      {job.application.validUntil && ` · ${t('jobs:job.validUntil', { date: formatDate(job.application.validUntil) })}`}
                    </span>
                  )
                  : t('jobs:application.none'),
              },
              {
                key: 'watch',
                label: t('jobs:job.watch'),
                children: job.watchUntil
                  ? (
                    <span data-testid="job-watch">
                      {t('jobs:job.watchUntil', { date: formatDate(job.watchUntil) })}
                      {job.watchEndedAt && <><br />{t('jobs:job.watchEndedAt', { time: formatDateTime(job.watchEndedAt) })}</>}
                    </span>
                  )
                  : t('jobs:job.noWatch'),
              },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('jobs:log.title')}</h2>} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('jobs:log.hint')}</Typography.Paragraph>
            {log && (
              <Timeline
                data-testid="job-log"
                items={[
                  ...log.events.map((event) => ({
                    key: event.event,
                    color: EVENT_COLOURS[event.event] ?? 'gray',
                    title: event.at ? formatDateTime(event.at) : t('jobs:log.noTime'),
                    content: (
                      <div data-event={event.event}>
                        <strong>{t(`jobs:log.event.${event.event}`, { defaultValue: event.event })}</strong>
                        <div style={{ fontSize: 12 }}>{t(`jobs:log.eventHint.${event.event}`, { defaultValue: '' })}</div>
                      </div>
                    ),
                  })),
                  ...(ended ? [] : [{
                    key: 'pending',
                    loading: true,
                    content: <Typography.Text type="secondary">{t('jobs:log.pending')}</Typography.Text>,
                  }]),
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
