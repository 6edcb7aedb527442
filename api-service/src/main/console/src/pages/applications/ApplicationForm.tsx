import { useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { FieldGroupsInput } from './FieldGroupsInput';

type Application = Schemas['ApplicationView'];

interface Values {
  purpose: string;
  legalBasis: string;
  ethicsReference?: string;
  expectedCohortSize: number;
  fields: string[];
  validFrom: Dayjs;
  validUntil: Dayjs;
}

/** A SUBMITTER files a data-use application for their organisation (POST /api/v1/applications). */
export function ApplicationForm({ onClose, onFiled }: { onClose: () => void; onFiled: (application: Application) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function file(values: Values) {
    setBusy(true);
    setProblem(null);
    try {
      onFiled(unwrap(await api.POST('/api/v1/applications', {
        body: {
          purpose: values.purpose.trim(),
          legalBasis: values.legalBasis.trim(),
          ethicsReference: values.ethicsReference?.trim() || undefined,
          expectedCohortSize: values.expectedCohortSize,
          fields: values.fields,
          validFrom: values.validFrom.format('YYYY-MM-DD'),
          validUntil: values.validUntil.format('YYYY-MM-DD'),
        },
      })));
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  const required = (field: string) => ({ required: true, message: t('applications:form.required', { field: t(`applications:form.${field}`) }) });
  return (
    <Modal
      open
      width={640}
      title={t('applications:form.title')}
      okText={t('applications:form.submit')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'application-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="application-form-problem" /></div>}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={file}
        initialValues={{ fields: ['DEATH_DATE'], validFrom: dayjs().startOf('day'), validUntil: dayjs().add(1, 'year').startOf('day') }}
      >
        <Form.Item label={t('applications:form.purpose')} name="purpose" extra={t('applications:form.purposeHelp')} rules={[{ ...required('purpose'), whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} data-testid="application-form-purpose" />
        </Form.Item>
        <Form.Item label={t('applications:form.legalBasis')} name="legalBasis" extra={t('applications:form.legalBasisHelp')} rules={[{ ...required('legalBasis'), whitespace: true }]}>
          <Input maxLength={1000} data-testid="application-form-legal-basis" />
        </Form.Item>
        <Form.Item label={t('applications:form.ethicsReference')} name="ethicsReference">
          <Input maxLength={1000} data-testid="application-form-ethics" />
        </Form.Item>
        <Form.Item label={t('applications:form.expectedCohortSize')} name="expectedCohortSize" rules={[required('expectedCohortSize')]}>
          <InputNumber min={1} max={100_000_000} precision={0} style={{ width: 200 }} data-testid="application-form-size" />
        </Form.Item>
        <Form.Item label={t('applications:form.fields')} name="fields" extra={t('applications:form.fieldsHelp')}>
          <FieldGroupsInput testId="application-form-fields" label={t('applications:form.fields')} />
        </Form.Item>
        <Form.Item label={t('applications:form.validFrom')} name="validFrom" rules={[required('validFrom')]}>
          <DatePicker data-testid="application-form-from" />
        </Form.Item>
        <Form.Item
          label={t('applications:form.validUntil')}
          name="validUntil"
          extra={t('applications:form.validityHelp')}
          dependencies={['validFrom']}
          rules={[
            required('validUntil'),
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | undefined) => !value || !getFieldValue('validFrom') || !value.isBefore(getFieldValue('validFrom'), 'day')
                ? Promise.resolve() : Promise.reject(new Error(t('applications:form.untilBeforeFrom'))),
            }),
          ]}
        >
          <DatePicker data-testid="application-form-until" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
