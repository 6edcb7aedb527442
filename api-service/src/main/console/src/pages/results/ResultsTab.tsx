import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Radio, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Problem, Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatNumber } from '../../i18n/format';
import { CauseCell, formatDay, OUTCOMES, OutcomeTag, ReasonCell, ReviewCell } from './cells';
import { compact, fetchOk, readBlob, readNdjson, saveBlob, type ResultLine } from './stream';

/** At most this many results of each outcome are kept for the table (the downloads have all of them). */
export const TABLE_CAP_PER_OUTCOME = 10_000;

const FORMATS = {
  csv: { accept: 'text/csv', ext: 'csv', detail: true },
  ndjson: { accept: 'application/x-ndjson', ext: 'ndjson', detail: true },
  fhir: { accept: 'application/fhir+json', ext: 'fhir.json', detail: false },
} as const;
type Format = keyof typeof FORMATS;

interface Loaded {
  rows: ResultLine[];
  /** every result read, by outcome (also those beyond the table's cap) */
  counts: Record<string, number>;
  total: number;
  /** outcomes with more results than the table keeps */
  capped: string[];
  /** the Vitalink-Job-State header: COMPLETED means final */
  state: string | null;
}

/**
 * The results table and the downloads. GET /api/v1/jobs/{jobId}/results has no paging and no outcome filter (only
 * ?detail=): the results are read once as NDJSON in submission order and paged and filtered here; only the fields the
 * table shows are kept, at most TABLE_CAP_PER_OUTCOME of each outcome.
 */
export function ResultsTab({ jobId, job, onReload }: { jobId: string; job: Schemas['JobView'] | null; onReload: () => void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [reading, setReading] = useState(0);
  const [busy, setBusy] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [filter, setFilter] = useState<string>('ALL');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      setBusy(true);
      setProblem(null);
      setReading(0);
      const rows: ResultLine[] = [];
      const counts: Record<string, number> = {};
      let total = 0;
      try {
        const response = await fetchOk(`/api/v1/jobs/${encodeURIComponent(jobId)}/results`, 'application/x-ndjson', abort.signal);
        await readNdjson<ResultLine>(response, (line) => {
          const seen = (counts[line.outcome] ?? 0) + 1;
          counts[line.outcome] = seen;
          total += 1;
          if (seen <= TABLE_CAP_PER_OUTCOME) rows.push(compact(line));
          if (total % 500 === 0) setReading(total);
        });
        if (abort.signal.aborted) return;
        const capped = Object.keys(counts).filter((outcome) => counts[outcome] > TABLE_CAP_PER_OUTCOME);
        setLoaded({ rows, counts, total, capped, state: response.headers.get('Vitalink-Job-State') });
      } catch (e) {
        if (!abort.signal.aborted) setProblem(toProblem(t, e));
      } finally {
        if (!abort.signal.aborted) setBusy(false);
      }
    })();
    return () => abort.abort();
    // t is stable per language; reading again on a language change is not wanted
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, round]);

  const shown = useMemo(
    () => (loaded ? (filter === 'ALL' ? loaded.rows : loaded.rows.filter((row) => row.outcome === filter)) : []),
    [loaded, filter],
  );
  const filterCapped = loaded && (filter === 'ALL' ? loaded.capped.length > 0 : loaded.capped.includes(filter));

  const columns: TableProps<ResultLine>['columns'] = [
    { key: 'recordId', title: t('results:table.recordId'), dataIndex: 'recordId' },
    { key: 'outcome', title: t('results:table.outcome'), render: (_, row) => <OutcomeTag outcome={row.outcome} /> },
    { key: 'deathDate', title: t('results:table.deathDate'), render: (_, row) => formatDay(row.deathDate) },
    { key: 'cause', title: t('results:table.underlyingCause'), render: (_, row) => <CauseCell line={row} /> },
    { key: 'place', title: t('results:table.place'), dataIndex: 'deathPlace' },
    { key: 'review', title: t('results:table.review'), render: (_, row) => <ReviewCell line={row} /> },
    { key: 'reason', title: t('results:table.reason'), render: (_, row) => <ReasonCell code={row.reasonCode} /> },
  ];

  function reload() {
    setRound((r) => r + 1);
    onReload();
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Downloads jobId={jobId} />
      {problem && <ProblemAlert problem={problem} />}
      <Card size="small">
        <Space direction="vertical" size="small" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              <Typography.Text id="results-filter-label" strong>{t('results:filter.label')}</Typography.Text>
              <Radio.Group
                aria-labelledby="results-filter-label"
                optionType="button"
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value as string);
                  setPage((p) => ({ ...p, current: 1 }));
                }}
              >
                <Radio.Button value="ALL">
                  <span data-testid="results-filter-ALL">
                    {t('results:filter.option', { name: t('results:filter.all'), n: formatNumber(loaded?.total ?? 0) })}
                  </span>
                </Radio.Button>
                {OUTCOMES.map(({ outcome }) => (
                  <Radio.Button key={outcome} value={outcome}>
                    <span data-testid={`results-filter-${outcome}`}>
                      {t('results:filter.option', {
                        name: t(`outcomes:outcome.${outcome}`), n: formatNumber(loaded?.counts[outcome] ?? 0),
                      })}
                    </span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Space>
            <Button icon={<ReloadOutlined />} onClick={reload} disabled={busy} data-testid="results-reload">
              {t('results:reload')}
            </Button>
          </Space>
          <Typography.Text type="secondary" role="status" aria-live="polite" data-testid="results-status">
            {busy ? t('results:loading', { n: formatNumber(reading) })
              : loaded ? t('results:loaded', { n: formatNumber(loaded.total) }) : ''}
            <span style={{ marginLeft: 4 }}>{t('results:audited')}</span>
          </Typography.Text>
          {loaded?.state && loaded.state !== 'COMPLETED' && job?.state !== 'COMPLETED' && (
            <Alert type="info" showIcon message={t('results:summary.partial')} />
          )}
          {filterCapped && (
            <Alert
              type="warning"
              showIcon
              data-testid="results-capped"
              message={t(filter === 'ALL' ? 'results:cappedAll' : 'results:capped', { cap: formatNumber(TABLE_CAP_PER_OUTCOME) })}
            />
          )}
          <Typography.Text data-testid="results-count" data-count={loaded ? shown.length : ''}>
            {loaded ? t('results:table.count', { n: formatNumber(shown.length) }) : ''}
          </Typography.Text>
          <Table<ResultLine>
            data-testid="results-table"
            size="small"
            rowKey="recordId"
            loading={busy}
            columns={columns}
            dataSource={shown}
            scroll={{ x: true }}
            components={{ table: (props: React.TableHTMLAttributes<HTMLTableElement>) => <table {...props} aria-label={t('results:table.caption')} /> }}
            locale={{
              emptyText: <Typography.Text type="secondary">{loaded?.total ? t('results:table.empty') : t('results:table.none')}</Typography.Text>,
            }}
            pagination={{
              current: page.current,
              pageSize: page.pageSize,
              pageSizeOptions: [20, 50, 100],
              showSizeChanger: true,
              showTotal: (count, [from, to]) => t('results:table.total', {
                from: formatNumber(from), to: formatNumber(to), n: formatNumber(count),
              }),
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('results:noFilter')}</Typography.Text>
        </Space>
      </Card>
    </Space>
  );
}

/** CSV, NDJSON and FHIR of every result, each a file vitalink-<jobId>.<ext> made from the API's answer as it is. */
function Downloads({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const [causes, setCauses] = useState(false);
  const [active, setActive] = useState<Format | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  async function download(format: Format) {
    const { accept, ext, detail } = FORMATS[format];
    abort.current = new AbortController();
    setActive(format);
    setProblem(null);
    setStatus(t('results:download.progress', { format: format.toUpperCase(), size: formatNumber(0) }));
    try {
      const query = detail && causes ? '?detail=causes' : '';
      const response = await fetchOk(`/api/v1/jobs/${encodeURIComponent(jobId)}/results${query}`, accept, abort.current.signal);
      let shown = 0;
      const blob = await readBlob(response, response.headers.get('Content-Type') ?? accept, (bytes) => {
        if (bytes - shown >= 64 * 1024) {
          shown = bytes;
          setStatus(t('results:download.progress', { format: format.toUpperCase(), size: formatNumber(Math.round(bytes / 1024)) }));
        }
      });
      const file = `vitalink-${jobId}.${ext}`;
      saveBlob(blob, file);
      setStatus(t('results:download.done', { file, size: formatNumber(Math.max(1, Math.round(blob.size / 1024))) }));
    } catch (e) {
      if (!abort.current?.signal.aborted) {
        setProblem(toProblem(t, e));
        setStatus('');
      }
    } finally {
      setActive(null);
    }
  }

  return (
    <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('results:download.title')}</Typography.Title>}>
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Space wrap>
          {(Object.keys(FORMATS) as Format[]).map((format) => (
            <Button
              key={format}
              icon={<DownloadOutlined />}
              loading={active === format}
              disabled={active !== null && active !== format}
              onClick={() => download(format)}
              data-testid={`results-download-${format}`}
            >
              {t(`results:download.${format}`)}
            </Button>
          ))}
          <Checkbox checked={causes} onChange={(e) => setCauses(e.target.checked)} data-testid="results-download-causes">
            {t('results:download.causes')}
          </Checkbox>
        </Space>
        <Typography.Text role="status" aria-live="polite" data-testid="results-download-status">{status}</Typography.Text>
        {problem && <ProblemAlert problem={problem} testId="results-download-problem" />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('results:download.hint')}</Typography.Text>
      </Space>
    </Card>
  );
}
