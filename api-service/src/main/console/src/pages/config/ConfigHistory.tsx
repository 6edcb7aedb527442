import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { settingLabel, valueText } from './settingWords';

type Version = Schemas['ConfigView.Version'];

/** Every version of the settings, newest first: who, when, and each setting from its old value to its new one. */
export function ConfigHistory({ history, kinds, loading }: {
  history: Version[];
  kinds: Record<string, string>;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const shown = (key: string, value: string | null | undefined) =>
    value == null ? t('config:history.deployment') : valueText(t, kinds[key], value);
  const newestFirst = [...history].sort((a, b) => b.version - a.version);
  return (
    <Table<Version>
      rowKey="version"
      loading={loading}
      dataSource={newestFirst}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('config:history.empty') }}
      caption={<Typography.Text strong>{t('config:history.caption')}</Typography.Text>}
      data-testid="config-history"
      onRow={(version) => ({ 'data-testid': `config-history-${version.version}` } as object)}
      columns={[
        { title: t('config:history.version'), dataIndex: 'version', width: 80 },
        { title: t('config:history.changedBy'), dataIndex: 'changedBy', width: 140 },
        { title: t('config:history.changedAt'), dataIndex: 'changedAt', width: 200, render: (at: string) => formatDateTime(at) },
        {
          title: t('config:history.changes'),
          dataIndex: 'changes',
          render: (changes: Version['changes']) => (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {changes.map((change) => (
                <li key={change.key}>
                  {t('config:history.change', {
                    setting: `${settingLabel(t, change.key)} (${change.key})`,
                    from: shown(change.key, change.from),
                    to: shown(change.key, change.to),
                  })}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
