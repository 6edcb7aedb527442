import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem } from '../../api/client';
import { endSession, getSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';

interface Change {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: any user, their own password; the API then ends every session of theirs, so back to login. */
export function AccountPage() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function change({ currentPassword, newPassword }: Change) {
    setBusy(true);
    setProblem(null);
    try {
      unwrap(await api.PUT('/api/v1/users/{username}/password', {
        params: { path: { username: getSession()!.username } },
        body: { currentPassword, newPassword },
      }));
      endSession('passwordChanged');
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  const required = (field: string) => ({ required: true, message: t('account:required', { field: t(`account:${field}`) }) });
  return (
    <>
      <PageTitle>{t('account:title')}</PageTitle>
      <Card style={{ maxWidth: 480 }}>
        <Alert type="info" showIcon message={t('account:hint')} style={{ marginBottom: 16 }} />
        {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} /></div>}
        <Form<Change> layout="vertical" onFinish={change} requiredMark={false}>
          <Form.Item label={t('account:currentPassword')} name="currentPassword" rules={[required('currentPassword')]}>
            <Input.Password autoComplete="current-password" data-testid="account-current" />
          </Form.Item>
          <Form.Item label={t('account:newPassword')} name="newPassword" rules={[required('newPassword')]}>
            <Input.Password autoComplete="new-password" data-testid="account-new" />
          </Form.Item>
          <Form.Item
            label={t('account:confirmPassword')}
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              required('confirmPassword'),
              ({ getFieldValue }) => ({
                validator: (_, value) => value === getFieldValue('newPassword')
                  ? Promise.resolve() : Promise.reject(new Error(t('account:mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="account-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="account-submit">
            {t('account:submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
