import { Checkbox, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { settingHelp, settingLabel, valueText, type Setting } from './settingWords';

/** One setting: its words, key and explanation, what is in force and deployed, an input by kind, back to deployed. */
export function SettingField({ setting }: { setting: Setting }) {
  const { t } = useTranslation();
  const reset = Form.useWatch(['reset', setting.key]) as boolean | undefined;
  const testId = `setting-${setting.key}`;
  const shown = (v: string | null | undefined) => v != null ? valueText(t, setting.kind, v) : t('config:field.unknownDeployed');
  const id = `setting-${setting.key.replace(/\./g, '-')}`;

  const control = (() => {
    switch (setting.kind) {
      case 'DECIMAL':
        return <InputNumber id={id} stringMode step="0.01" min="0" max="1" disabled={reset} style={{ width: 200 }} data-testid={testId} />;
      case 'COUNT':
        return <InputNumber id={id} min={1} precision={0} disabled={reset} style={{ width: 200 }} data-testid={testId} />;
      case 'LIST':
        return (
          <Select
            id={id}
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', ' ']}
            placeholder={t('config:field.listPlaceholder')}
            disabled={reset}
            data-testid={testId}
          />
        );
      default:
        return <Input id={id} disabled={reset} style={{ maxWidth: 240 }} data-testid={testId} />;
    }
  })();

  return (
    <div style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 16 }} data-testid={`${testId}-row`}>
      <Form.Item
        name={['value', setting.key]}
        htmlFor={id}
        label={(
          <Space size={8} wrap>
            <span>{settingLabel(t, setting.key)}</span>
            <Typography.Text code>{setting.key}</Typography.Text>
            <Tag>{t(`config:kind.${setting.kind}`, { defaultValue: setting.kind })}</Tag>
          </Space>
        )}
        extra={(
          <Space orientation="vertical" size={2} style={{ marginTop: 4 }}>
            <span>{settingHelp(t, setting)}</span>
            <span data-testid={`${testId}-in-force`}>
              {t('config:field.inForce', { value: shown(setting.value) })}
              {' · '}
              {setting.configured ? t('config:field.configured') : t('config:field.notConfigured')}
            </span>
            <span>{t('config:field.deployed', { value: shown(setting.deployedValue) })}</span>
          </Space>
        )}
        style={{ marginBottom: 8 }}
      >
        {control}
      </Form.Item>
      {setting.configured && (
        <Form.Item name={['reset', setting.key]} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid={`${testId}-reset`}>
            {t('config:field.reset')}
            {' '}
            <Typography.Text type="secondary">{t('config:field.resetHelp')}</Typography.Text>
          </Checkbox>
        </Form.Item>
      )}
    </div>
  );
}
