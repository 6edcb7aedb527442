import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Problem, Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { CauseCell, formatDay, OutcomeTag, ReviewCell } from './cells';
import { compact, fetchOk, readNdjson, type ChangeLine } from './stream';

/** Changes asked for per page (the API allows 1 to 10,000). */
const PAGE = 200;

/**
 * 变更: the changes feed of a watched cohort, GET /api/v1/jobs/{jobId}/changes?since=&limit= (docs/WATCH.md), page
 * after page from the cursor the API gives in Vitalink-Next-Cursor; Link rel="next" tells that a page is waiting.
 */
export function ChangesTab({ jobId, job }: { jobId: string; job: Schemas['JobView'] | null }) {
  const { t } = useTranslation();
  const [changes, setChanges] = useState<ChangeLine[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [nothingNew, setNothingNew] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const abort = useRef<AbortController | null>(null);

  const load = useCallback(async (since: string | null) => {
    abort.current = new AbortController();
    setBusy(true);
    setProblem(null);
    setNothingNew(false);
    try {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (since) query.set('since', since);
      const response = await fetchOk(`/api/v1/jobs/${encodeURIComponent(jobId)}/changes?${query}`, 'application/x-ndjson',
        abort.current.signal);
      const page: ChangeLine[] = [];
      await readNdjson<ChangeLine>(response, (line) => page.push({
        ...compact(line), cursor: line.cursor, trigger: line.trigger, previousOutcome: line.previousOutcome ?? null,
        decidedAt: line.decidedAt ?? null,
      }));
      if (abort.current.signal.aborted) return;
      setChanges((before) => (since ? [...before, ...page] : page));
      setCursor(response.headers.get('Vitalink-Next-Cursor') ?? since);
      setMore(/rel="?next"?/.test(response.headers.get('Link') ?? ''));
      setNothingNew(since !== null && page.length === 0);
    } catch (e) {
      if (!abort.current?.signal.aborted) setProblem(toProblem(t, e));
    } finally {
      if (!abort.current?.signal.aborted) setBusy(false);
    }
  }, [jobId, t]);

  useEffect(() => {
    load(null);
    return () => abort.current?.abort();
  }, [load]);

  const columns: TableProps<ChangeLine>['columns'] = [
    { key: 'decidedAt', title: t('results:changes.decidedAt'), render: (_, row) => formatDateTime(row.decidedAt) },
    {
      key: 'trigger',
      title: t('results:changes.trigger'),
      render: (_, row) => t(`results:changes.triggers.${row.trigger}`, { defaultValue: row.trigger }),
    },
    { key: 'recordId', title: t('results:changes.recordId'), dataIndex: 'recordId' },
    { key: 'previous', title: t('results:changes.previousOutcome'), render: (_, row) => <OutcomeTag outcome={row.previousOutcome} /> },
    { key: 'outcome', title: t('results:changes.outcome'), render: (_, row) => <OutcomeTag outcome={row.outcome} /> },
    { key: 'deathDate', title: t('results:changes.deathDate'), render: (_, row) => formatDay(row.deathDate) },
    { key: 'cause', title: t('results:changes.underlyingCause'), render: (_, row) => <CauseCell line={row} /> },
    { key: 'review', title: t('results:changes.review'), render: (_, row) => <ReviewCell line={row} /> },
  ];

  const watched = !!job?.watchUntil;
  const empty = watched
    ? t('results:changes.watchedEmpty', { date: formatDay(job?.watchUntil) })
    : t('results:changes.notWatched');

  return (
    <Card size="small">
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        {problem && <ProblemAlert problem={problem} testId="changes-problem" />}
        {job?.watchEndedAt && <Alert type="info" showIcon message={t('results:changes.watchEnded', { time: formatDateTime(job.watchEndedAt) })} />}
        {!busy && changes.length === 0 && !problem && (
          <Alert type="info" showIcon message={empty} data-testid="changes-empty" />
        )}
        <Space wrap>
          <Typography.Text role="status" aria-live="polite" data-testid="changes-count" data-count={changes.length}>
            {t('results:changes.count', { n: formatNumber(changes.length) })}
            {nothingNew && <span style={{ marginLeft: 4 }}>{t('results:changes.nothingNew')}</span>}
          </Typography.Text>
          <Button onClick={() => load(cursor)} loading={busy} data-testid="changes-more">
            {more ? t('results:changes.next') : t('results:changes.check')}
          </Button>
        </Space>
        <Table<ChangeLine>
          data-testid="changes-table"
          size="small"
          rowKey="cursor"
          loading={busy}
          columns={columns}
          dataSource={changes}
          scroll={{ x: true }}
          components={{ table: (props: React.TableHTMLAttributes<HTMLTableElement>) => <table {...props} aria-label={t('results:changes.caption')} /> }}
          locale={{ emptyText: <Typography.Text type="secondary">{t('common:empty')}</Typography.Text> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        />
      </Space>
    </Card>
  );
}
