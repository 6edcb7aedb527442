import { useCallback, useEffect, useState } from 'react';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDateTime } from '../../i18n/format';
import { UserForm } from './UserForm';
import { PasswordForm } from './PasswordForm';
import { TONE } from '../review/tones';

type User = Schemas['UserView'];

/** 用户管理 (ADMIN): every account, create one, change roles/organisation/enabled, set a password, delete. */
export function UsersPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const session = useSession()!;
  const [users, setUsers] = useState<User[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    try {
      setUsers(unwrap(await api.GET('/api/v1/users')));
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => { void load(); }, [load]);

  function confirmDelete(user: User) {
    modal.confirm({
      title: t('users:delete.title', { username: user.username }),
      content: t('users:delete.text'),
      okText: t('users:delete.ok'),
      okButtonProps: { 'data-testid': 'user-delete-confirm' },
      cancelText: t('common:action.cancel'),
      onOk: async () => {
        setProblem(null);
        try {
          unwrap(await api.DELETE('/api/v1/users/{username}', { params: { path: { username: user.username } } }));
          message.success(t('users:done.deleted', { username: user.username }));
          await load();
        } catch (e) {
          setProblem(toProblem(t, e));
        }
      },
    });
  }

  function saved(text: string) {
    setEditing(null);
    setResetting(null);
    message.success(text);
    void load();
  }

  return (
    <>
      <PageTitle
        extra={(
          <Space>
            <Button icon={<ReloadOutlined />} onClick={load} data-testid="users-refresh">{t('common:action.refresh')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
              {t('users:action.create')}
            </Button>
          </Space>
        )}
      >
        {t('common:nav.users')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('users:intro')}</Typography.Paragraph>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="users-problem" /></div>}
      <Table<User>
        rowKey="username"
        loading={loading}
        dataSource={users ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('common:empty') }}
        aria-label={t('users:caption', { count: users?.length ?? 0 })}
        caption={<Typography.Text strong>{t('users:caption', { count: users?.length ?? 0 })}</Typography.Text>}
        data-testid="users-table"
        onRow={(user) => ({ 'data-testid': `user-row-${user.username}` } as object)}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('users:column.username'),
            dataIndex: 'username',
            render: (_, user) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{user.username}</Typography.Text>
                {user.displayName && <Typography.Text type="secondary">{user.displayName}</Typography.Text>}
                {user.username === session.username && <Tag color={TONE.info}>{t('users:you')}</Tag>}
              </Space>
            ),
          },
          { title: t('users:column.organisation'), dataIndex: 'organisation', render: (org: string) => <span style={{ whiteSpace: 'nowrap' }}>{org}</span> },
          {
            title: t('users:column.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => (
              <Space size={[0, 4]} wrap>
                {roles.map((role) => <Tag key={role} data-testid={`role-${role}`}>{t(`common:roles.${role}`)}</Tag>)}
              </Space>
            ),
          },
          {
            title: t('users:column.status'),
            render: (_, user) => (
              <Space size={[0, 4]} wrap>
                <Tag color={user.enabled ? TONE.success : TONE.neutral}>
                  {t(user.enabled ? 'users:status.enabled' : 'users:status.disabled')}
                </Tag>
                {user.locked && <Tag color={TONE.warning}>{t('users:status.locked', { until: formatDateTime(user.lockedUntil) })}</Tag>}
              </Space>
            ),
          },
          { title: t('users:column.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('users:column.actions'),
            render: (_, user) => {
              const own = user.username === session.username;
              return (
                <Space size={4} wrap>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('users:actionFor.edit', { username: user.username })}
                    onClick={() => setEditing(user)}
                    data-testid={`user-edit-${user.username}`}
                  >
                    {t('users:action.edit')}
                  </Button>
                  {!own && (
                    <Button
                      size="small"
                      icon={<KeyOutlined />}
                      aria-label={t('users:actionFor.password', { username: user.username })}
                      onClick={() => setResetting(user)}
                      data-testid={`user-password-${user.username}`}
                    >
                      {t('users:action.password')}
                    </Button>
                  )}
                  {!own && (
                    <Button
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('users:actionFor.delete', { username: user.username })}
                      onClick={() => confirmDelete(user)}
                      data-testid={`user-delete-${user.username}`}
                    >
                      {t('users:action.delete')}
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(user, created) => saved(t(created ? 'users:done.created' : 'users:done.updated', { username: user.username }))}
        />
      )}
      {resetting && (
        <PasswordForm
          user={resetting}
          onClose={() => setResetting(null)}
          onSaved={() => saved(t('users:done.password', { username: resetting.username }))}
        />
      )}
    </>
  );
}
