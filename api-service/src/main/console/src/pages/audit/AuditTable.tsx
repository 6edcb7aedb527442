import { Space, Table, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { actionWords, HIGH_SEVERITY, isApiCall } from './auditActions';
import { TONE } from '../review/tones';

type Event = Schemas['AuditEventView'];

function outcomeWords(t: TFunction, event: Event): { text: string; refused: boolean } {
  const outcome = event.outcome ?? '';
  if (isApiCall(event.action) && /^\d{3}$/.test(outcome)) {
    const status = Number(outcome);
    if (status < 400) return { text: t('audit:outcome.success', { status }), refused: false };
    return { text: t(status < 500 ? 'audit:outcome.refused' : 'audit:outcome.failed', { status }), refused: true };
  }
  return { text: t(`audit:outcome.${outcome}`, { defaultValue: outcome }), refused: false };
}

/** A page of audit events: each action in words with its recorded name beside it, outcome and reason in words. */
export function AuditTable({ events, loading, page }: { events: Event[]; loading: boolean; page: number }) {
  const { t } = useTranslation();
  return (
    <Table<Event>
      size="small"
      rowKey={(event) => `${event.at}|${event.actor}|${event.action}|${event.jobId}|${event.recordId}|${event.outcome}`}
      loading={loading}
      dataSource={events}
      pagination={false}
      locale={{ emptyText: t('audit:empty') }}
      caption={<Typography.Text strong>{t('audit:table.caption', { page, count: events.length })}</Typography.Text>}
      data-testid="audit-table"
      onRow={(event) => ({ 'data-testid': 'audit-row', 'data-action': event.action } as object)}
      tableLayout="fixed"
      columns={[
        { title: t('audit:table.at'), dataIndex: 'at', width: 130, render: (at: string) => formatDateTime(at) },
        {
          title: t('audit:table.actor'),
          key: 'actor',
          width: 150,
          render: (_, event) => (
            <Space orientation="vertical" size={0} style={{ wordBreak: 'break-all' }}>
              <span>{event.actor === 'anonymous' ? t('audit:table.anonymous') : event.actor}</span>
              {event.organisation && <Typography.Text type="secondary">{event.organisation}</Typography.Text>}
              {event.sourceIp && <Typography.Text type="secondary">{t('audit:table.from', { ip: event.sourceIp })}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: t('audit:table.action'),
          key: 'action',
          width: 210,
          render: (_, event) => (
            <Space orientation="vertical" size={0}>
              <span data-testid="audit-action-words">
                {HIGH_SEVERITY.has(event.action) && (
                  <Tag color={TONE.error} icon={<WarningOutlined aria-hidden />}>{t('audit:highSeverity')}</Tag>
                )}
                {actionWords(t, event.action)}
              </span>
              <Typography.Text type="secondary" code style={{ fontSize: 12, wordBreak: 'break-all' }}>{event.action}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('audit:table.target'),
          key: 'target',
          width: 170,
          render: (_, event) => (
            <Space orientation="vertical" size={0} style={{ wordBreak: 'break-all' }}>
              {event.jobId && <span>{t('audit:table.job', { jobId: event.jobId })}</span>}
              {event.recordId && <span>{t('audit:table.record', { recordId: event.recordId })}</span>}
            </Space>
          ),
        },
        {
          title: t('audit:table.outcome'),
          key: 'outcome',
          width: 170,
          render: (_, event) => {
            const { text, refused } = outcomeWords(t, event);
            return (
              <Space orientation="vertical" size={0}>
                {refused ? <strong>{text}</strong> : <span>{text}</span>}
                {event.reasonCode && <span>{event.reasonCode} {t(`errors:${event.reasonCode}`, { defaultValue: '' })}</span>}
              </Space>
            );
          },
        },
        {
          title: t('audit:table.detail'),
          dataIndex: 'detail',
          render: (detail: string | null) => detail
            ? <span style={{ wordBreak: 'break-word', fontFamily: 'monospace', fontSize: 12 }}>{detail}</span> : '',
        },
      ]}
    />
  );
}
