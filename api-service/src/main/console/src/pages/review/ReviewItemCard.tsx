import { useId, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, QuestionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDateTime, formatPercent } from '../../i18n/format';
import { SideBySide } from './SideBySide';
import { TONE } from './tones';

type Item = Schemas['ReviewItem'];
const DECISIONS = [
  { decision: 'ACCEPT', icon: <CheckOutlined /> },
  { decision: 'REJECT', icon: <CloseOutlined /> },
  { decision: 'UNSURE', icon: <QuestionOutlined /> },
];

/** One uncertain link: what linked it, both sides, and the decision (once) or the decision made. */
export function ReviewItemCard({ item, onDecided }: { item: Item; onDecided: (item: Item) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const title = t('review:item.title', { jobId: item.jobId, recordId: item.recordId });

  async function decide(decision: string) {
    setBusy(decision);
    setProblem(null);
    try {
      const decided = unwrap(await api.POST('/api/v1/jobs/{jobId}/review/{recordId}', {
        params: { path: { jobId: item.jobId, recordId: item.recordId } },
        body: { decision, note: note.trim() || undefined },
      }));
      message.success(t('review:decide.done', { decision: t(`review:decision.${decision}`) }));
      onDecided(decided);
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(null);
    }
  }

  const score = (v: number | null | undefined) => v == null ? '—' : v.toFixed(3);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="review-item"
      data-job-id={item.jobId}
      data-record-id={item.recordId}
      aria-label={t('review:item.label', { jobId: item.jobId, recordId: item.recordId })}
      title={<Typography.Title level={2} style={{ fontSize: 15, margin: 0, whiteSpace: 'normal' }}>{title}</Typography.Title>}
      extra={(
        <Space size={4} wrap>
          <Tag color={TONE.warning}>{t(`outcomes:outcome.${item.outcome}`, { defaultValue: item.outcome })}</Tag>
          <Tag color={item.status === 'PENDING' ? TONE.info : TONE.neutral} data-testid="review-status">{t(`review:filter.${item.status}`, { defaultValue: item.status })}</Tag>
        </Space>
      )}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'rule', label: t('review:item.rule'), children: item.matchRule ? `${t(`review:rule.${item.matchRule}`, { defaultValue: item.matchRule })} (${item.matchRule})` : '—' },
            { key: 'score', label: t('review:item.score'), children: <span data-testid="review-score">{score(item.score)}</span> },
            { key: 'similarity', label: t('review:item.nameSimilarity'), children: item.nameSimilarity == null ? '—' : formatPercent(item.nameSimilarity) },
            {
              key: 'discrepancies',
              label: t('review:item.discrepancies'),
              children: item.discrepancies?.length
                ? item.discrepancies.map((d) => t(`review:discrepancy.${d}`, { defaultValue: d })).join(t('common:problem.separator'))
                : t('review:item.noDiscrepancies'),
            },
            ...(item.reasonCode ? [{ key: 'reason', label: t('review:item.reasonCode'), children: `${item.reasonCode} ${t(`errors:${item.reasonCode}`, { defaultValue: '' })}` }] : []),
            { key: 'decidedAt', label: t('review:item.decidedAt'), children: formatDateTime(item.decidedAt) },
          ]}
        />
        {item.request || item.death
          ? <SideBySide request={item.request} death={item.death} discrepancies={item.discrepancies ?? []} />
          : <Alert type="info" showIcon message={t('review:item.noSides')} />}
        {problem && <ProblemAlert problem={problem} testId="review-problem" />}
        {item.review ? (
          <Alert
            type={item.review.decision === 'ACCEPT' ? 'success' : item.review.decision === 'REJECT' ? 'error' : 'warning'}
            showIcon
            data-testid="review-decision"
            message={`${t('review:reviewed.title')}: ${t(`review:decision.${item.review.decision}`, { defaultValue: item.review.decision })} — ${t(`review:decisionHelp.${item.review.decision}`, { defaultValue: '' })}`}
            description={(
              <>
                <div>{t('review:reviewed.by', { reviewer: item.review.reviewer, at: formatDateTime(item.review.reviewedAt) })}</div>
                {item.review.note && <div>{t('review:reviewed.note', { note: item.review.note })}</div>}
              </>
            )}
          />
        ) : (
          <div role="group" aria-label={t('review:decide.group')}>
            <label htmlFor={noteId} style={{ display: 'block', marginBottom: 4 }}>{t('review:decide.note')}</label>
            <Input.TextArea
              id={noteId}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              showCount
              autoSize={{ minRows: 2, maxRows: 5 }}
              placeholder={t('review:decide.notePlaceholder')}
              data-testid="review-note"
            />
            <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0 8px' }}>{t('review:decide.noteHelp')}</Typography.Text>
            <Space wrap>
              {DECISIONS.map(({ decision, icon }) => (
                <Button
                  key={decision}
                  icon={icon}
                  loading={busy === decision}
                  disabled={busy !== null && busy !== decision}
                  title={t(`review:decisionHelp.${decision}`)}
                  onClick={() => decide(decision)}
                  data-testid={`review-${decision.toLowerCase()}`}
                >
                  {t(`review:decision.${decision}`)}
                </Button>
              ))}
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {DECISIONS.map(({ decision }) => t('review:decide.legend', { decision: t(`review:decision.${decision}`), help: t(`review:decisionHelp.${decision}`) })).join(t('review:decide.legendSeparator'))}
            </Typography.Text>
          </div>
        )}
      </Space>
    </Card>
  );
}
