import { useCallback, useEffect, useState } from 'react';
import { App, Button, Spin, Tabs, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, mayCall, unwrap, type Problem, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { PrecisionReport } from '../review/PrecisionReport';
import { ConfigHistory } from './ConfigHistory';
import { SettingsForm } from './SettingsForm';

type ConfigView = Schemas['ConfigView'];
type Version = Schemas['ConfigView.Version'];

/** 系统配置 (ADMIN): the run-time settings, their history, and the reviewers' precision report to choose a threshold. */
export function ConfigPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession()!;
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [history, setHistory] = useState<Version[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [tab, setTab] = useState('settings');
  const [suggestion, setSuggestion] = useState<Record<string, number> | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    setSuggestion(null);
    try {
      const [view, versions] = await Promise.all([
        api.GET('/api/v1/config').then(unwrap),
        api.GET('/api/v1/config/history').then(unwrap),
      ]);
      setConfig(view);
      setHistory(versions);
    } catch (e) {
      setProblem(toProblem(t, e));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => { void load(); }, [load]);

  async function saved(view: ConfigView) {
    setConfig(view);
    setSuggestion(null);
    try {
      setHistory(unwrap(await api.GET('/api/v1/config/history')));
    } catch (e) {
      setProblem(toProblem(t, e));
    }
  }

  function fill(apply: Record<string, number>) {
    setSuggestion({ ...apply });
    setTab('settings');
    message.info(t('config:report.filled'));
  }

  const kinds = Object.fromEntries((config?.settings ?? []).map((s) => [s.key, s.kind]));
  const items = [
    {
      key: 'settings',
      label: <span data-testid="config-tab-settings">{t('config:tab.settings')}</span>,
      children: config
        ? <SettingsForm config={config} suggestion={suggestion} onSaved={saved} onReload={load} />
        : loading ? <Spin aria-label={t('common:loading')} /> : null,
    },
    {
      key: 'history',
      label: <span data-testid="config-tab-history">{t('config:tab.history')}</span>,
      children: <ConfigHistory history={history} kinds={kinds} loading={loading} />,
    },
  ];
  if (mayCall('getReviewReport', session.roles)) {
    items.push({
      key: 'report',
      label: <span data-testid="config-tab-report">{t('config:tab.report')}</span>,
      children: (
        <>
          <Typography.Paragraph type="secondary">{t('config:report.intro')}</Typography.Paragraph>
          <PrecisionReport applyLabel={t('config:report.fill')} onApply={fill} />
        </>
      ),
    });
  }

  return (
    <>
      <PageTitle extra={<Button icon={<ReloadOutlined />} onClick={load} data-testid="config-refresh">{t('common:action.refresh')}</Button>}>
        {t('common:nav.config')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('config:intro')}</Typography.Paragraph>
      {problem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={problem} testId="config-load-problem" /></div>}
      <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden={false} />
    </>
  );
}
