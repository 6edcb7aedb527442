import { useCallback, useEffect, useState } from 'react';
import { App, Button, Radio, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, mayCall, unwrap, type Problem, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDateTime } from '../../i18n/format';
import { ApplicationDetail } from './ApplicationDetail';
import { ApplicationForm } from './ApplicationForm';
import { DecisionDialog, type Step } from './DecisionDialog';
import { day, groupsWords, STATUS_COLOURS, statusWords } from './words';

type Application = Schemas['ApplicationView'];
const STATUSES = ['ALL', 'SUBMITTED', 'APPROVED', 'NOT_YET_VALID', 'EXPIRED', 'REJECTED', 'REVOKED'];
/** States a revocation applies to: approved, whether valid today, not yet or no longer. */
const REVOCABLE = ['APPROVED', 'NOT_YET_VALID', 'EXPIRED'];

/**
 * 用数申请: SUBMITTER and AUDITOR see their organisation's applications, an APPROVER every one. A SUBMITTER files
 * one; an APPROVER of another organisation approves (maybe narrowed), rejects or revokes, each confirmed.
 */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession()!;
  const [applications, setApplications] = useState<Application[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('ALL');
  const [filing, setFiling] = useState(false);
  const [deciding, setDeciding] = useState<{ application: Application; step: Step } | null>(null);
  const [shown, setShown] = useState<Application | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    try {
      setApplications(unwrap(await api.GET('/api/v1/applications')));
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => { void load(); }, [load]);

  const may = (step: Step, application: Application) => {
    if (application.organisation === session.organisation) return false; // no one decides their own organisation's
    if (step === 'revoke') return mayCall('revokeApplication', session.roles) && REVOCABLE.includes(application.status);
    return mayCall(step === 'approve' ? 'approveApplication' : 'rejectApplication', session.roles) && application.status === 'SUBMITTED';
  };
  const rows = (applications ?? []).filter((a) => status === 'ALL' || a.status === status);

  return (
    <>
      <PageTitle
        extra={(
          <Space>
            <Button icon={<ReloadOutlined />} onClick={load} data-testid="applications-refresh">{t('common:action.refresh')}</Button>
            {mayCall('fileApplication', session.roles) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="application-new">
                {t('applications:action.new')}
              </Button>
            )}
          </Space>
        )}
      >
        {t('common:nav.applications')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('applications:intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <Radio.Group
          optionType="button"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          aria-label={t('applications:filter.label')}
          data-testid="applications-filter"
          options={STATUSES.map((s) => ({ value: s, label: s === 'ALL' ? t('applications:filter.ALL') : statusWords(t, s) }))}
        />
      </div>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="applications-problem" /></div>}
      <Table<Application>
        rowKey="applicationId"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('common:empty') }}
        caption={<Typography.Text strong>{t('applications:caption', { count: rows.length })}</Typography.Text>}
        data-testid="applications-table"
        onRow={(a) => ({ 'data-testid': 'application-row', 'data-application-id': a.applicationId, 'data-status': a.status } as object)}
        columns={[
          {
            title: t('applications:column.purpose'),
            dataIndex: 'purpose',
            render: (purpose: string, a) => (
              <Button
                type="link"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => setShown(a)}
                aria-label={t('applications:actionFor.detail', { purpose })}
                data-testid="application-detail-open"
              >
                {purpose}
              </Button>
            ),
          },
          { title: t('applications:column.organisation'), dataIndex: 'organisation', width: 120 },
          {
            title: t('applications:column.fields'),
            key: 'fields',
            width: 220,
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <span>{t('applications:requested', { fields: groupsWords(t, a.requestedFields) })}</span>
                {a.approvedFields?.length > 0 && <span data-testid="application-approved-fields">{t('applications:approved', { fields: groupsWords(t, a.approvedFields) })}</span>}
              </Space>
            ),
          },
          {
            title: t('applications:column.validity'),
            key: 'validity',
            width: 200,
            render: (_, a) => t('applications:validity', { from: day(a.validFrom), until: day(a.validUntil) }),
          },
          {
            title: t('applications:column.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string) => <Tag color={STATUS_COLOURS[s]} data-testid="application-status">{statusWords(t, s)}</Tag>,
          },
          { title: t('applications:column.submittedAt'), dataIndex: 'submittedAt', width: 180, render: (at: string) => formatDateTime(at) },
          {
            title: t('applications:column.actions'),
            key: 'actions',
            width: 220,
            render: (_, a) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setShown(a)} aria-label={t('applications:actionFor.detail', { purpose: a.purpose })}>
                  {t('applications:action.detail')}
                </Button>
                {(['approve', 'reject', 'revoke'] as const).filter((step) => may(step, a)).map((step) => (
                  <Button
                    key={step}
                    size="small"
                    type={step === 'approve' ? 'primary' : 'default'}
                    onClick={() => setDeciding({ application: a, step })}
                    aria-label={t(`applications:actionFor.${step}`, { purpose: a.purpose })}
                    data-testid={`application-${step}`}
                  >
                    {t(`applications:action.${step}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {filing && (
        <ApplicationForm
          onClose={() => setFiling(false)}
          onFiled={() => {
            setFiling(false);
            message.success(t('applications:form.done'));
            void load();
          }}
        />
      )}
      {deciding && (
        <DecisionDialog
          application={deciding.application}
          step={deciding.step}
          onClose={() => setDeciding(null)}
          onDone={() => {
            message.success(t(`applications:decide.done.${deciding.step}`));
            setDeciding(null);
            void load();
          }}
        />
      )}
      {shown && <ApplicationDetail application={shown} onClose={() => setShown(null)} />}
    </>
  );
}
