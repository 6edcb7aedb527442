import { useEffect, useRef, useState } from 'react';
import { Button, Card, Checkbox, Radio, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Problem, Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatNumber } from '../../i18n/format';
import { CauseCell, formatDay, OUTCOMES, OutcomeTag, ReasonCell, ReviewCell } from './cells';
import { compact, fetchOk, readBlob, readNdjson, saveBlob, type ResultLine } from './stream';

const PAGE_SIZES = [20, 50, 100];

const FORMATS = {
  csv: { accept: 'text/csv', ext: 'csv', detail: true },
  ndjson: { accept: 'application/x-ndjson', ext: 'ndjson', detail: true },
  fhir: { accept: 'application/fhir+json', ext: 'fhir.json', detail: false },
} as const;
type Format = keyof typeof FORMATS;

interface Page {
  /** the request it answers: filter, page size, cursor and round */
  key: string;
  rows: ResultLine[];
  /** Vitalink-Next-Cursor: the cursor of the next page, null on the last */
  next: string | null;
}

/**
 * The results table and the downloads. The table is the API's own paging: GET /api/v1/jobs/{jobId}/results with
 * outcome (the filter), limit (the page size) and cursor (Vitalink-Next-Cursor of the page before); the cursors of the
 * pages seen are kept to go back. How many results a filter has comes from the job's counters.
 */
export function ResultsTab({ jobId, job, onReload }: { jobId: string; job: Schemas['JobView'] | null; onReload: () => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<string>('ALL');
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  /** the cursor each page seen was asked with (null: the first page) */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [index, setIndex] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [busy, setBusy] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [round, setRound] = useState(0);

  const cursor = cursors[index] ?? null;
  const key = `${filter}|${pageSize}|${cursor ?? ''}|${round}`;
  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      setBusy(true);
      setProblem(null);
      try {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (filter !== 'ALL') query.set('outcome', filter);
        if (cursor) query.set('cursor', cursor);
        const response = await fetchOk(`/api/v1/jobs/${encodeURIComponent(jobId)}/results?${query}`, 'application/x-ndjson',
          abort.signal);
        const rows: ResultLine[] = [];
        await readNdjson<ResultLine>(response, (line) => rows.push(compact(line)));
        if (!abort.signal.aborted) setPage({ key, rows, next: response.headers.get('Vitalink-Next-Cursor') });
      } catch (e) {
        if (!abort.signal.aborted) {
          setProblem(toProblem(t, e));
          setPage(null);
        }
      } finally {
        if (!abort.signal.aborted) setBusy(false);
      }
    })();
    return () => abort.abort();
    // t is stable per language; reading again on a language change is not wanted
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, key]);

  function restart(next: { filter?: string; pageSize?: number }) {
    if (next.filter !== undefined) setFilter(next.filter);
    if (next.pageSize !== undefined) setPageSize(next.pageSize);
    setCursors([null]);
    setIndex(0);
  }

  function forward() {
    const next = fresh?.next;
    if (!next) return;
    setCursors((seen) => [...seen.slice(0, index + 1), next]);
    setIndex((i) => i + 1);
  }

  const counted = (outcome: string) => {
    const counter = OUTCOMES.find((o) => o.outcome === outcome)?.counter;
    return job && counter ? job[counter] : null;
  };
  const all = job ? OUTCOMES.reduce((sum, o) => sum + job[o.counter], 0) : null;
  const total = filter === 'ALL' ? all : counted(filter);
  // the page shown answers what is asked now (not the page before a click)
  const fresh = !busy && page?.key === key ? page : null;
  const from = index * pageSize + 1;
  const to = index * pageSize + (fresh?.rows.length ?? 0);

  const columns: TableProps<ResultLine>['columns'] = [
    { key: 'recordId', title: t('results:table.recordId'), dataIndex: 'recordId' },
    { key: 'outcome', title: t('results:table.outcome'), render: (_, row) => <OutcomeTag outcome={row.outcome} /> },
    { key: 'deathDate', title: t('results:table.deathDate'), render: (_, row) => formatDay(row.deathDate) },
    { key: 'cause', title: t('results:table.underlyingCause'), render: (_, row) => <CauseCell line={row} /> },
    { key: 'place', title: t('results:table.place'), dataIndex: 'deathPlace' },
    { key: 'review', title: t('results:table.review'), render: (_, row) => <ReviewCell line={row} /> },
    { key: 'reason', title: t('results:table.reason'), render: (_, row) => <ReasonCell code={row.reasonCode} /> },
  ];

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
                onChange={(e) => restart({ filter: e.target.value as string })}
              >
                <Radio.Button value="ALL">
                  <span data-testid="results-filter-ALL">
                    {job
                      ? t('results:filter.option', { name: t('results:filter.all'), n: formatNumber(all ?? 0) })
                      : t('results:filter.all')}
                  </span>
                </Radio.Button>
                {OUTCOMES.map(({ outcome, counter }) => (
                  <Radio.Button key={outcome} value={outcome}>
                    <span data-testid={`results-filter-${outcome}`}>
                      {job
                        ? t('results:filter.option', { name: t(`outcomes:outcome.${outcome}`), n: formatNumber(job[counter]) })
                        : t(`outcomes:outcome.${outcome}`)}
                    </span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Space>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setRound((r) => r + 1);
                onReload();
              }}
              disabled={busy}
              data-testid="results-reload"
            >
              {t('results:reload')}
            </Button>
          </Space>
          <Typography.Text type="secondary">{t('results:audited')}</Typography.Text>
          <Table<ResultLine>
            data-testid="results-table"
            size="small"
            rowKey="recordId"
            loading={busy}
            columns={columns}
            dataSource={fresh?.rows ?? page?.rows ?? []}
            scroll={{ x: true }}
            pagination={false}
            components={{ table: (props: React.TableHTMLAttributes<HTMLTableElement>) => <table {...props} aria-label={t('results:table.caption')} /> }}
            locale={{
              emptyText: <Typography.Text type="secondary">{total ? t('results:table.empty') : t('results:table.none')}</Typography.Text>,
            }}
          />
          <nav aria-label={t('results:pager.label')}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text
                role="status"
                aria-live="polite"
                data-testid="results-page"
                data-rows={fresh ? fresh.rows.length : ''}
                data-page={index + 1}
                data-total={total ?? ''}
                data-more={fresh?.next ? 'true' : 'false'}
              >
                {!fresh ? t('common:loading') : fresh.rows.length === 0
                  ? t('results:pager.none', { page: formatNumber(index + 1) })
                  : t(total != null ? 'results:pager.status' : 'results:pager.statusOpen', {
                    page: formatNumber(index + 1), from: formatNumber(from), to: formatNumber(to), n: formatNumber(total ?? 0),
                  })}
              </Typography.Text>
              <Space wrap>
                <Button onClick={() => setIndex((i) => i - 1)} disabled={busy || index === 0} data-testid="results-prev">
                  {t('results:pager.prev')}
                </Button>
                <Button onClick={forward} disabled={!fresh?.next} data-testid="results-next">
                  {t('results:pager.next')}
                </Button>
                <label htmlFor="results-page-size">{t('results:pager.size')}</label>
                <Select
                  id="results-page-size"
                  value={pageSize}
                  onChange={(size) => restart({ pageSize: size })}
                  options={PAGE_SIZES.map((size) => ({ value: size, label: formatNumber(size) }))}
                  style={{ width: 90 }}
                  data-testid="results-page-size"
                />
              </Space>
            </Space>
          </nav>
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
