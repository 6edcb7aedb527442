import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDateTime } from '../../i18n/format';
import { SettingField } from './SettingField';
import type { Setting } from './settingWords';

type ConfigView = Schemas['ConfigView'];
type Value = string | number | string[] | null | undefined;

interface Values {
  value: Record<string, Value>;
  reset: Record<string, boolean>;
}

const GROUPS = ['matching', 'security', 'quotas', 'webhooks', 'jobs'];
/** Settings in the order a person reads them (OPERATIONS.md); others after, by key. */
const ORDER = ['matching.probableThreshold', 'matching.probableMargin', 'security.allowedIps', 'quotas.recordsPerJob',
  'quotas.recordsPerDay', 'quotas.concurrentJobs', 'webhooks.allowedHosts', 'webhooks.allowedNetworks', 'jobs.retention'];
const rank = (key: string) => (ORDER.indexOf(key) + ORDER.length + 1) % (ORDER.length + 1);
const bySettingOrder = (a: Setting, b: Setting) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key);

function formValue(setting: Setting): Value {
  if (setting.kind === 'LIST') return setting.value ? setting.value.split(',') : [];
  if (setting.kind === 'COUNT') return setting.value != null ? Number(setting.value) : null;
  return setting.value ?? null;
}

function isChanged(setting: Setting, value: Value): boolean {
  if (setting.kind === 'LIST') return (value as string[] | undefined ?? []).join(',') !== (setting.value ?? '');
  if (value == null || value === '') return false; // an empty input asks for nothing (a null value is unknown here)
  if (setting.kind === 'DECIMAL' || setting.kind === 'COUNT') return setting.value == null || Number(value) !== Number(setting.value);
  return String(value).trim() !== setting.value;
}

function sent(setting: Setting, value: Value): unknown {
  if (setting.kind === 'LIST') return (value as string[]).map((entry) => entry.trim()).filter(Boolean);
  if (setting.kind === 'COUNT') return Number(value);
  return String(value).trim();
}

/**
 * The settings as a form, grouped; saving sends only what changed (null: back to the deployment's value) with the
 * version read. VL-1641: read again; VL-1640: every problem, each beside its setting too.
 */
export function SettingsForm({ config, suggestion, onSaved, onReload }: {
  config: ConfigView;
  suggestion: Record<string, number> | null;
  onSaved: (view: ConfigView) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = useMemo<Values>(() => ({
    value: Object.fromEntries(config.settings.map((s) => [s.key, formValue(s)])),
    reset: Object.fromEntries(config.settings.map((s) => [s.key, false])),
  }), [config]);

  useEffect(() => {
    form.resetFields();
    setProblem(null);
  }, [config, form]);

  useEffect(() => {
    if (!suggestion) return;
    for (const [key, value] of Object.entries(suggestion)) {
      form.setFieldValue(['value', key], String(value));
      form.setFieldValue(['reset', key], false);
    }
  }, [suggestion, form]);

  async function save(values: Values) {
    const settings: Record<string, unknown> = {};
    for (const setting of config.settings) {
      const value = values.value?.[setting.key];
      if (values.reset?.[setting.key]) settings[setting.key] = null;
      else if (isChanged(setting, value)) settings[setting.key] = sent(setting, value);
    }
    if (Object.keys(settings).length === 0) {
      message.info(t('config:noChange'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const view = unwrap(await api.PUT('/api/v1/config', { body: { version: config.version, settings: settings as never } }));
      message.success(t('config:saved', { version: view.version }));
      onSaved(view);
    } catch (e) {
      const refused = toProblem(t, e);
      setProblem(refused);
      if (refused.code === 'VL-1640') {
        const lines = problemLines(refused);
        form.setFields(config.settings
          .map((s) => ({ name: ['value', s.key] as ['value', string], errors: lines.filter((line) => line.startsWith(s.key)) }))
          .filter((field) => field.errors.length > 0));
      }
    } finally {
      setBusy(false);
    }
  }

  const byGroup = GROUPS.map((group) => [group, config.settings.filter((s) => s.key.split('.')[0] === group).sort(bySettingOrder)] as const)
    .filter(([, settings]) => settings.length > 0);
  const others = config.settings.filter((s) => !GROUPS.includes(s.key.split('.')[0]));
  if (others.length) byGroup.push(['other', others]);

  return (
    <>
      <Typography.Paragraph data-testid="config-version">
        {config.version > 0
          ? <>{t('config:version', { version: config.version })} · {t('config:changedBy', { user: config.changedBy, at: formatDateTime(config.changedAt) })}</>
          : t('config:versionNone')}
      </Typography.Paragraph>
      {problem && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <ProblemAlert problem={problem} testId="config-problem" />
          {problem.code === 'VL-1641' && (
            <Alert
              type="warning"
              showIcon
              message={t('config:conflict')}
              action={<Button onClick={onReload} data-testid="config-reload">{t('config:reload')}</Button>}
            />
          )}
          {problem.code === 'VL-1640' && (
            <Alert
              type="warning"
              showIcon
              message={t('config:problems')}
              description={(
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="config-problems">
                  {problemLines(problem).map((line) => <li key={line}>{line}</li>)}
                </ul>
              )}
            />
          )}
        </Space>
      )}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial} onFinish={save}>
        {byGroup.map(([group, settings]) => (
          <Card
            key={group}
            size="small"
            style={{ marginBottom: 16 }}
            title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t(`config:group.${group}`, { defaultValue: group })}</Typography.Title>}
          >
            {settings.map((setting) => <SettingField key={setting.key} setting={setting} />)}
          </Card>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="config-save">{t('config:save')}</Button>
          <Button onClick={() => { form.resetFields(); setProblem(null); }} data-testid="config-discard">{t('config:discard')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** VL-1640 names every problem in its detail, joined by "; ". */
function problemLines(problem: Problem): string[] {
  return (problem.detail ?? '').split(/;\s+/).map((line) => line.trim()).filter(Boolean);
}

