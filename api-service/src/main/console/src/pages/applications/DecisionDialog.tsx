import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { FieldGroupsInput } from './FieldGroupsInput';
import { day } from './words';

type Application = Schemas['ApplicationView'];
export type Step = 'approve' | 'reject' | 'revoke';

interface Values {
  fields: string[];
  validFrom: Dayjs;
  validUntil: Dayjs;
  reason?: string;
}

/**
 * An APPROVER's step on an application, confirmed in this dialog: approve (as asked, or narrowed: fewer field groups,
 * a later start, an earlier end), reject or revoke (each with a reason).
 */
export function DecisionDialog({ application, step, onClose, onDone }: {
  application: Application;
  step: Step;
  onClose: () => void;
  onDone: (application: Application) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const requestedFrom = dayjs(application.validFrom);
  const requestedUntil = dayjs(application.validUntil);

  async function decide(values: Values) {
    setBusy(true);
    setProblem(null);
    const path = { params: { path: { applicationId: application.applicationId } } };
    const reason = values.reason?.trim() || undefined;
    try {
      let decided: Application;
      if (step === 'approve') {
        const narrowed = (a: Dayjs, b: Dayjs) => a.isSame(b, 'day') ? undefined : a.format('YYYY-MM-DD');
        decided = unwrap(await api.POST('/api/v1/applications/{applicationId}/approve', {
          ...path,
          body: {
            reason,
            fields: values.fields,
            validFrom: narrowed(values.validFrom, requestedFrom),
            validUntil: narrowed(values.validUntil, requestedUntil),
          },
        }));
      } else if (step === 'reject') {
        decided = unwrap(await api.POST('/api/v1/applications/{applicationId}/reject', { ...path, body: { reason } }));
      } else {
        decided = unwrap(await api.POST('/api/v1/applications/{applicationId}/revoke', { ...path, body: { reason } }));
      }
      onDone(decided);
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  const outside = (current: Dayjs) => current.isBefore(requestedFrom, 'day') || current.isAfter(requestedUntil, 'day');
  return (
    <Modal
      open
      width={600}
      title={t(`applications:decide.${step}Title`)}
      okText={t(`applications:decide.${step}Ok`)}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'decision-confirm' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Alert
        type={step === 'approve' ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        message={application.purpose}
        description={t(`applications:decide.${step}Text`, { organisation: application.organisation })}
      />
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="decision-problem" /></div>}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={decide}
        initialValues={{ fields: application.requestedFields, validFrom: requestedFrom, validUntil: requestedUntil }}
      >
        {step === 'approve' && (
          <>
            <Form.Item label={t('applications:decide.fields')} name="fields" extra={t('applications:decide.fieldsHelp')}>
              <FieldGroupsInput allowed={application.requestedFields} testId="decision-fields" label={t('applications:decide.fields')} />
            </Form.Item>
            <Form.Item
              label={t('applications:decide.validFrom')}
              name="validFrom"
              rules={[{ required: true, message: t('applications:form.required', { field: t('applications:decide.validFrom') }) }]}
            >
              <DatePicker disabledDate={outside} data-testid="decision-from" />
            </Form.Item>
            <Form.Item
              label={t('applications:decide.validUntil')}
              name="validUntil"
              extra={t('applications:decide.validityHelp', { from: day(application.validFrom), until: day(application.validUntil) })}
              dependencies={['validFrom']}
              rules={[
                { required: true, message: t('applications:form.required', { field: t('applications:decide.validUntil') }) },
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) => !value || !value.isBefore(getFieldValue('validFrom'), 'day')
                    ? Promise.resolve() : Promise.reject(new Error(t('applications:form.untilBeforeFrom'))),
                }),
              ]}
            >
              <DatePicker disabledDate={outside} data-testid="decision-until" />
            </Form.Item>
          </>
        )}
        <Form.Item
          label={step === 'approve' ? t('applications:decide.reasonOptional') : t('applications:decide.reason')}
          name="reason"
          extra={t('applications:decide.reasonHelp')}
          rules={step === 'approve' ? [] : [{ required: true, whitespace: true, message: t('applications:decide.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
