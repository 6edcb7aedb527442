import { Descriptions, Drawer, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { day, groupsWords, STATUS_COLOURS, statusWords } from './words';

type Application = Schemas['ApplicationView'];

/** One application: everything it asked and was granted, and its history (filed, decided, revoked) with reasons. */
export function ApplicationDetail({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const none = t('applications:detail.none');
  const decidedStep = application.decidedAt
    ? (application.approvedFields?.length ? 'approved' : 'rejected')
    : null;
  const history = [
    {
      key: 'submitted',
      color: 'blue',
      children: t('applications:detail.submitted', { at: formatDateTime(application.submittedAt), user: application.submittedBy }),
    },
    ...(decidedStep ? [{
      key: decidedStep,
      color: decidedStep === 'approved' ? 'green' : 'red',
      children: (
        <>
          <div>{t(`applications:detail.${decidedStep}`, { at: formatDateTime(application.decidedAt), user: application.decidedBy })}</div>
          {application.decisionReason && <Typography.Text type="secondary">{t('applications:detail.reason', { reason: application.decisionReason })}</Typography.Text>}
        </>
      ),
    }] : []),
    ...(application.revokedAt ? [{
      key: 'revoked',
      color: 'gray',
      children: (
        <>
          <div>{t('applications:detail.revoked', { at: formatDateTime(application.revokedAt), user: application.revokedBy })}</div>
          {application.revocationReason && <Typography.Text type="secondary">{t('applications:detail.reason', { reason: application.revocationReason })}</Typography.Text>}
        </>
      ),
    }] : []),
  ];
  return (
    <Drawer open size="large" title={t('applications:detail.title')} onClose={onClose} data-testid="application-detail">
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'status', label: t('applications:detail.status'), children: <Tag color={STATUS_COLOURS[application.status]}>{statusWords(t, application.status)}</Tag> },
          { key: 'id', label: t('applications:detail.id'), children: <Typography.Text copyable>{application.applicationId}</Typography.Text> },
          { key: 'organisation', label: t('applications:detail.organisation'), children: application.organisation },
          { key: 'submittedBy', label: t('applications:detail.submittedBy'), children: application.submittedBy },
          { key: 'purpose', label: t('applications:detail.purpose'), children: application.purpose },
          { key: 'legalBasis', label: t('applications:detail.legalBasis'), children: application.legalBasis },
          { key: 'ethics', label: t('applications:detail.ethicsReference'), children: application.ethicsReference || none },
          { key: 'size', label: t('applications:detail.expectedCohortSize'), children: formatNumber(application.expectedCohortSize) },
          { key: 'requested', label: t('applications:detail.requestedFields'), children: groupsWords(t, application.requestedFields) },
          { key: 'approved', label: t('applications:detail.approvedFields'), children: groupsWords(t, application.approvedFields) || none },
          {
            key: 'validity',
            label: t('applications:detail.validity'),
            children: t('applications:validity', { from: day(application.validFrom), until: day(application.validUntil) }),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{t('applications:detail.history')}</Typography.Title>
      <Timeline items={history.map(({ key, color, children }) => ({ key, color, content: children }))} data-testid="application-history" />
    </Drawer>
  );
}
