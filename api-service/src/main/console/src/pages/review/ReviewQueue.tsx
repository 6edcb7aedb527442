import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, Form, Input, Radio, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../components/CursorPager';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { ReviewItemCard } from './ReviewItemCard';

type Item = Schemas['ReviewItem'];
type Status = 'PENDING' | 'REVIEWED' | 'ALL';

interface Query {
  status: Status;
  jobId: string;
  limit: number;
}

/**
 * The organisation's review queue (GET /api/v1/review), or one job's (GET /api/v1/jobs/{jobId}/review), paged by
 * the API's cursor; a decision replaces its item in place.
 */
export function ReviewQueue() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Query>();
  const [query, setQuery] = useState<Query>({ status: 'PENDING', jobId: '', limit: 20 });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<Item[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cursor = cursors[cursors.length - 1];

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    const params = {
      status: query.status === 'ALL' ? undefined : query.status,
      limit: String(query.limit),
      cursor,
    };
    try {
      const page = query.jobId
        ? unwrap(await api.GET('/api/v1/jobs/{jobId}/review', { params: { path: { jobId: query.jobId }, query: params } }))
        : unwrap(await api.GET('/api/v1/review', { params: { query: params } }));
      setItems(page.items);
      setNext(page.next ?? null);
    } catch (e) {
      setItems(null);
      setNext(null);
      setProblem(toProblem(t, e));
    } finally {
      setLoading(false);
    }
  }, [query, cursor, t]);

  useEffect(() => { void load(); }, [load]);

  function search(values: Query) {
    setQuery({ status: values.status, jobId: values.jobId?.trim() ?? '', limit: values.limit });
    setCursors([undefined]);
  }

  function decided(item: Item) {
    setItems((current) => current?.map((i) => i.jobId === item.jobId && i.recordId === item.recordId ? item : i) ?? null);
  }

  return (
    <>
      <Form<Query>
        form={form}
        layout="inline"
        initialValues={query}
        onFinish={search}
        aria-label={t('review:filter.label')}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item label={t('review:filter.status')} name="status">
          <Radio.Group optionType="button" data-testid="review-filter-status">
            {(['PENDING', 'REVIEWED', 'ALL'] as const).map((status) => (
              <Radio.Button key={status} value={status} data-testid={`review-filter-${status}`}>{t(`review:filter.${status}`)}</Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('review:filter.jobId')} name="jobId" tooltip={t('review:filter.jobIdHelp')}>
          <Input allowClear style={{ width: 320 }} data-testid="review-filter-job" />
        </Form.Item>
        <Form.Item label={t('review:filter.pageSize')} name="limit">
          <Select style={{ width: 90 }} options={[10, 20, 50, 100].map((n) => ({ value: n, label: String(n) }))} data-testid="review-filter-limit" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="review-search">{t('review:filter.apply')}</Button>
      </Form>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="review-queue-problem" /></div>}
      {loading && <Spin aria-label={t('common:loading')} style={{ display: 'block', margin: 24 }} />}
      {!loading && items && items.length === 0 && (
        <Empty
          description={query.status === 'PENDING' ? t('review:empty') : t('review:emptyReviewed')}
          data-testid="review-empty"
        />
      )}
      {!loading && items?.map((item) => (
        <ReviewItemCard key={`${item.jobId}/${item.recordId}/${item.decidedAt}`} item={item} onDecided={decided} />
      ))}
      {(cursors.length > 1 || next) && (
        <CursorPager cursors={cursors} setCursors={setCursors} next={next} loading={loading} label={t('review:page.label')} testId="review" />
      )}
    </>
  );
}
