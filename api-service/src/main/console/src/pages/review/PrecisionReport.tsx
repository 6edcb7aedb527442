import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatNumber, formatPercent } from '../../i18n/format';
import { PrecisionChart } from './PrecisionChart';

type Report = Schemas['ReviewReport'];
type Rule = Schemas['ReviewReport.Rule'];
type Row = Schemas['ReviewReport.Row'];

/**
 * 精确度报告: precision per rule and threshold from reviewers' decisions (a REVIEWER: their organisation's; an ADMIN:
 * every organisation's), with the suggested threshold, margin and the settings to apply. `onApply`, for an ADMIN,
 * puts the suggestion into the settings form.
 */
export function PrecisionReport({ onApply, applyLabel }: {
  onApply?: (apply: Record<string, number>) => void;
  applyLabel?: string;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<number>(0.95);
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async (wanted: number) => {
    setLoading(true);
    setProblem(null);
    try {
      setReport(unwrap(await api.GET('/api/v1/review/report', { params: { query: { target: String(wanted) } } })));
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => { void load(0.95); }, [load]);

  const ruleWords = (rule: string) => t(`review:rule.${rule}`, { defaultValue: rule });
  return (
    <div data-testid="precision-report">
      <Form layout="inline" onFinish={() => load(target)} style={{ marginBottom: 16 }}>
        <Form.Item label={t('review:report.target')} htmlFor="report-target" extra={t('review:report.targetHelp')}>
          <InputNumber
            id="report-target"
            min={0.5}
            max={0.99}
            step={0.01}
            value={target}
            onChange={(value) => setTarget(value ?? 0.95)}
            data-testid="report-target"
          />
        </Form.Item>
        <Button htmlType="submit" loading={loading} data-testid="report-compute">{t('review:report.compute')}</Button>
      </Form>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="report-problem" /></div>}
      {loading && !report && <Spin aria-label={t('common:loading')} />}
      {report && (
        <>
          <Typography.Paragraph data-testid="report-scope">{t('review:report.scope', { scope: report.scope === 'all' ? t('review:report.scopeAll') : report.scope })}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('review:report.method')}</Typography.Paragraph>
          <Suggestion report={report} onApply={onApply} applyLabel={applyLabel} />
          {report.rules.map((rule) => (
            <RuleReport key={rule.matchRule} rule={rule} words={ruleWords(rule.matchRule)} target={report.target} />
          ))}
        </>
      )}
    </div>
  );
}

function Suggestion({ report, onApply, applyLabel }: {
  report: Report;
  onApply?: (apply: Record<string, number>) => void;
  applyLabel?: string;
}) {
  const { t } = useTranslation();
  if (!report.apply) {
    return <Alert type="info" showIcon message={t('review:report.noSuggestion')} style={{ marginBottom: 16 }} data-testid="report-suggestion" />;
  }
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="report-suggestion"
      message={t('review:report.suggestion')}
      description={(
        <>
          <div>{t('review:report.apply', { with: report.applyWith })}</div>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {Object.entries(report.apply).map(([key, value]) => (
              <li key={key}><Typography.Text code>{t('review:report.applyKey', { key, value })}</Typography.Text></li>
            ))}
          </ul>
        </>
      )}
      action={onApply && (
        <Button onClick={() => onApply(report.apply)} data-testid="report-apply">{applyLabel}</Button>
      )}
    />
  );
}

function RuleReport({ rule, words, target }: { rule: Rule; words: string; target: number }) {
  const { t } = useTranslation();
  const value = (v: number | null | undefined, percent = false) =>
    v == null ? t('review:report.notComputed') : percent ? formatPercent(v) : v.toFixed(2);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`report-rule-${rule.matchRule}`}
      title={(
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('review:report.ruleTitle', { rule: words, ruleKey: rule.matchRule })}
        </Typography.Title>
      )}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            {
              key: 'counts',
              label: t('review:report.decisions'),
              children: t('review:report.counts', {
                accepted: formatNumber(rule.accepted), rejected: formatNumber(rule.rejected), unsure: formatNumber(rule.unsure),
              }),
            },
            { key: 'threshold', label: t('review:report.suggestedThreshold'), children: value(rule.suggestedThreshold) },
            { key: 'margin', label: t('review:report.suggestedMargin'), children: value(rule.suggestedMargin) },
          ]}
        />
        {rule.reason && <Typography.Text type="secondary">{t('review:report.reason', { reason: rule.reason })}</Typography.Text>}
        {rule.matchRule === 'ID_EXACT' && <Typography.Text type="secondary">{t('review:report.informational')}</Typography.Text>}
        <PrecisionChart rule={rule} ruleWords={words} target={target} />
        <Table<Row>
          size="small"
          rowKey="threshold"
          pagination={false}
          dataSource={rule.thresholds}
          caption={<Typography.Text strong>{t('review:report.tableCaption', { rule: words })}</Typography.Text>}
          data-testid={`report-table-${rule.matchRule}`}
          columns={[
            { title: t('review:report.threshold'), dataIndex: 'threshold', render: (v: number) => v.toFixed(2) },
            { title: t('review:report.accepted'), dataIndex: 'accepted', render: (v: number) => formatNumber(v) },
            { title: t('review:report.rejected'), dataIndex: 'rejected', render: (v: number) => formatNumber(v) },
            { title: t('review:report.unsure'), dataIndex: 'unsure', render: (v: number) => formatNumber(v) },
            { title: t('review:report.precision'), dataIndex: 'precision', render: (v: number | null) => value(v, true) },
            { title: t('review:report.wilsonLower'), dataIndex: 'wilsonLower', render: (v: number | null) => value(v, true) },
          ]}
        />
      </Space>
    </Card>
  );
}
