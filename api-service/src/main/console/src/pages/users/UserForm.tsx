import { useState } from 'react';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { ROLES } from './roles';

type User = Schemas['UserView'];

interface Values {
  username: string;
  displayName?: string;
  organisation: string;
  roles: string[];
  enabled: boolean;
  password?: string;
  confirmPassword?: string;
}

/** Create a user (user null) or change one's display name, organisation, roles and whether it is enabled. */
export function UserForm({ user, onClose, onSaved }: {
  user: User | null;
  onClose: () => void;
  onSaved: (user: User, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const creating = user === null;

  async function save(values: Values) {
    setBusy(true);
    setProblem(null);
    try {
      const displayName = values.displayName?.trim() || undefined;
      const saved = creating
        ? unwrap(await api.POST('/api/v1/users', {
          body: {
            username: values.username.trim(),
            displayName,
            organisation: values.organisation.trim(),
            roles: values.roles,
            enabled: values.enabled,
            password: values.password,
          },
        }))
        : unwrap(await api.PUT('/api/v1/users/{username}', {
          params: { path: { username: user.username } },
          body: {
            // sent only when changed: '' clears it
            displayName: (displayName ?? '') === (user.displayName ?? '') ? undefined : (displayName ?? ''),
            organisation: values.organisation.trim(),
            roles: values.roles,
            enabled: values.enabled,
          },
        }));
      onSaved(saved, creating);
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  const required = (field: string) => ({ required: true, whitespace: true, message: t('users:form.required', { field: t(`users:form.${field}`) }) });
  return (
    <Modal
      open
      title={creating ? t('users:form.createTitle') : t('users:form.editTitle', { username: user.username })}
      okText={creating ? t('users:form.create') : t('users:form.save')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'user-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="user-form-problem" /></div>}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={user
          ? { username: user.username, displayName: user.displayName ?? '', organisation: user.organisation, roles: user.roles, enabled: user.enabled }
          : { roles: [], enabled: true }}
      >
        {creating && (
          <Form.Item label={t('users:form.username')} name="username" extra={t('users:form.usernameHelp')} rules={[required('username')]}>
            <Input autoComplete="off" maxLength={64} data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item label={t('users:form.displayName')} name="displayName">
          <Input autoComplete="off" data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item label={t('users:form.organisation')} name="organisation" extra={t('users:form.organisationHelp')} rules={[required('organisation')]}>
          <Input autoComplete="off" data-testid="user-form-organisation" />
        </Form.Item>
        <Form.Item
          label={t('users:form.roles')}
          name="roles"
          extra={t('users:form.rolesHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users:form.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            data-testid="user-form-roles"
            optionLabelProp="label"
            options={ROLES.map((role) => ({
              value: role,
              label: t(`common:roles.${role}`),
              title: t(`users:role.${role}`),
            }))}
            optionRender={(option) => (
              <div data-testid={`user-form-role-${option.value}`}>
                <div>{option.label}</div>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)', whiteSpace: 'normal' }}>{t(`users:role.${option.value}`)}</div>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item label={t('users:form.enabled')} name="enabled" valuePropName="checked" extra={t('users:form.enabledHelp')}>
          <Switch data-testid="user-form-enabled" />
        </Form.Item>
        {creating && (
          <>
            <Form.Item label={t('users:form.password')} name="password" extra={t('users:form.passwordHelp')} rules={[required('password')]}>
              <Input.Password autoComplete="new-password" data-testid="user-form-password" />
            </Form.Item>
            <Form.Item
              label={t('users:form.confirmPassword')}
              name="confirmPassword"
              dependencies={['password']}
              rules={[
                required('confirmPassword'),
                ({ getFieldValue }) => ({
                  validator: (_, value) => value === getFieldValue('password')
                    ? Promise.resolve() : Promise.reject(new Error(t('users:form.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-form-confirm" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
