import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';

type User = Schemas['UserView'];

interface Values {
  newPassword: string;
  confirmPassword: string;
}

/** An administrator sets another user's password (no current password; lifts a lockout, ends the user's sessions). */
export function PasswordForm({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function save({ newPassword }: Values) {
    setBusy(true);
    setProblem(null);
    try {
      unwrap(await api.PUT('/api/v1/users/{username}/password', {
        params: { path: { username: user.username } },
        body: { newPassword },
      }));
      onSaved();
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  const required = (field: string) => ({ required: true, message: t('users:form.required', { field: t(`users:password.${field}`) }) });
  return (
    <Modal
      open
      title={t('users:password.title', { username: user.username })}
      okText={t('users:password.submit')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'password-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Alert type="info" showIcon message={t('users:password.hint')} style={{ marginBottom: 16 }} />
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="password-form-problem" /></div>}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={save}>
        <Form.Item label={t('users:password.newPassword')} name="newPassword" extra={t('users:form.passwordHelp')} rules={[required('newPassword')]}>
          <Input.Password autoComplete="new-password" data-testid="password-form-new" />
        </Form.Item>
        <Form.Item
          label={t('users:password.confirmPassword')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            required('confirmPassword'),
            ({ getFieldValue }) => ({
              validator: (_, value) => value === getFieldValue('newPassword')
                ? Promise.resolve() : Promise.reject(new Error(t('users:form.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-form-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
