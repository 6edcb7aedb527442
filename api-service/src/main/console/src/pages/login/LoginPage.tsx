import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, asProblem, type Problem } from '../../api/client';
import { startSession, takeEndReason } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';

interface Credentials {
  username: string;
  password: string;
}

/** 登录: the only screen without a session; a refusal (wrong password, locked account) is shown with its code. */
export function LoginPage() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [ended] = useState(takeEndReason);

  async function logIn({ username, password }: Credentials) {
    setBusy(true);
    setProblem(null);
    try {
      const { data, error, response } = await api.POST('/api/v1/login', { body: { username, password } });
      if (data) startSession(data);
      else setProblem(asProblem(error, response));
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }} data-testid="page-title">
          {t('common:appShort')} · {t('login:title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login:subtitle')}</Typography.Paragraph>
        {ended && !problem && <Alert type="info" showIcon message={t(`login:ended.${ended}`)} style={{ marginBottom: 16 }} />}
        {problem && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert problem={problem} testId="login-error" />
          </div>
        )}
        <Form<Credentials> layout="vertical" onFinish={logIn} requiredMark={false}>
          <Form.Item
            label={t('login:username')}
            name="username"
            rules={[{ required: true, message: t('login:required', { field: t('login:username') }) }]}
          >
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            label={t('login:password')}
            name="password"
            rules={[{ required: true, message: t('login:required', { field: t('login:password') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login:submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
