import { useCallback, useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../components/CursorPager';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { AuditSearch, defaultQuery, type AuditQuery } from './AuditSearch';
import { AuditTable } from './AuditTable';

type Event = Schemas['AuditEventView'];

/** 审计日志 (AUDITOR, ADMIN): the audit trail by actor and time range, in time order, paged by the API's cursor. */
export function AuditPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<AuditQuery>(defaultQuery);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [events, setEvents] = useState<Event[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cursor = cursors[cursors.length - 1];

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    try {
      const page = unwrap(await api.GET('/api/v1/audit', {
        params: {
          query: {
            user: query.user || undefined,
            from: query.from?.toISOString(),
            to: query.to?.toISOString(),
            limit: String(query.limit),
            cursor,
          },
        },
      }));
      setEvents(page.events);
      setNext(page.next ?? null);
    } catch (e) {
      setEvents([]);
      setNext(null);
      setProblem(toProblem(t, e));
    } finally {
      setLoading(false);
    }
  }, [query, cursor, t]);

  useEffect(() => { void load(); }, [load]);

  function search(values: AuditQuery) {
    setQuery(values);
    setCursors([undefined]);
  }

  return (
    <>
      <PageTitle>{t('common:nav.audit')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('audit:intro')}</Typography.Paragraph>
      <AuditSearch initial={query} onSearch={search} />
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="audit-problem" /></div>}
      <AuditTable events={events} loading={loading} page={cursors.length} />
      <CursorPager cursors={cursors} setCursors={setCursors} next={next} loading={loading} label={t('audit:page.label')} testId="audit">
        {!next && !loading && events.length > 0 && <Typography.Text type="secondary">{t('audit:page.last')}</Typography.Text>}
      </CursorPager>
    </>
  );
}
