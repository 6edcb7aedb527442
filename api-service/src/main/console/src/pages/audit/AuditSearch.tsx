import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface AuditQuery {
  user: string;
  from: Dayjs | null;
  to: Dayjs | null;
  limit: number;
}

export function defaultQuery(): AuditQuery {
  return { user: '', from: dayjs().subtract(24, 'hour').startOf('minute'), to: null, limit: 50 };
}

/** The filters GET /api/v1/audit takes: one actor, a time range (from included, to excluded), the page size. */
export function AuditSearch({ initial, onSearch }: { initial: AuditQuery; onSearch: (query: AuditQuery) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditQuery>();
  const presets = [
    { label: t('audit:search.lastHour'), value: () => dayjs().subtract(1, 'hour') },
    { label: t('audit:search.today'), value: () => dayjs().startOf('day') },
    { label: t('audit:search.last24h'), value: () => dayjs().subtract(24, 'hour') },
    { label: t('audit:search.last7d'), value: () => dayjs().subtract(7, 'day') },
  ];
  return (
    <Form<AuditQuery>
      form={form}
      layout="inline"
      initialValues={initial}
      onFinish={(values) => onSearch({ ...values, user: values.user?.trim() ?? '' })}
      aria-label={t('audit:search.label')}
      style={{ marginBottom: 16, rowGap: 8 }}
    >
      <Form.Item label={t('audit:search.user')} name="user" tooltip={t('audit:search.userHelp')}>
        <Input allowClear autoComplete="off" style={{ width: 180 }} data-testid="audit-user" />
      </Form.Item>
      <Form.Item label={t('audit:search.from')} name="from">
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          presets={presets.map(({ label, value }) => ({ label, value: value() }))}
          data-testid="audit-from"
        />
      </Form.Item>
      <Form.Item label={t('audit:search.to')} name="to">
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="audit-to" />
      </Form.Item>
      <Form.Item label={t('audit:search.limit')} name="limit">
        <Select
          style={{ width: 90 }}
          options={[20, 50, 100, 500].map((n) => ({ value: n, label: String(n) }))}
          optionRender={(option) => <span data-testid={`audit-limit-${option.value}`}>{option.label}</span>}
          data-testid="audit-limit"
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="audit-search">{t('audit:search.submit')}</Button>
        <Button
          onClick={() => {
            const reset = defaultQuery();
            form.setFieldsValue(reset);
            onSearch(reset);
          }}
          data-testid="audit-reset"
        >
          {t('audit:search.reset')}
        </Button>
      </Space>
    </Form>
  );
}
