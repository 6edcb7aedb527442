import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Progress, Row, Select, Space, Spin,
  Tag, Typography, Upload,
} from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, mayCall, unwrap, type Problem, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { toProblem } from '../../components/problemText';
import { formatDate, formatPercent } from '../../i18n/format';
import i18n from '../../i18n';
import { detectFormat, FORMATS, templateCsv, uploadJob, type Format } from './upload';

type Application = Schemas['ApplicationView'];

interface Options {
  applicationId?: string;
  watch: boolean;
  watchUntil?: Dayjs | null;
  callbackUrl?: string;
}

interface Sending {
  sent: number;
  total: number;
  checking: boolean;
  abort: () => void;
}

const TEMPLATE_NAME = 'vitalink-template.csv';
const CSV_COLUMNS = ['record_id', 'id_number', 'name', 'sex', 'birth_date', 'id_type'] as const;

function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte']
    : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(i18n.language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * 提交任务: the data-use application the job runs under, its options (watched cohort, callback), a file dropped or
 * chosen (CSV, NDJSON, JSON or a FHIR Bundle), uploaded with XMLHttpRequest to show its progress; on 202 the job's
 * page. A refused upload is shown with its code, line and field: nothing of it was accepted.
 */
export function SubmitPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const session = useSession()!;
  const [form] = Form.useForm<Options>();
  const [applications, setApplications] = useState<Application[] | null>(null);
  const [listProblem, setListProblem] = useState<Problem | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [networkFailed, setNetworkFailed] = useState(false);
  const watch = Form.useWatch('watch', form);
  const applicationId = Form.useWatch('applicationId', form);
  const unmounted = useRef(false);

  useEffect(() => {
    unmounted.current = false;
    api.GET('/api/v1/applications').then(unwrap).then((all) => {
      setApplications(all);
      const active = all.filter((application) => application.status === 'APPROVED');
      if (active.length === 1) form.setFieldValue('applicationId', active[0].applicationId);
    }).catch((e) => setListProblem(toProblem(t, e)));
    return () => {
      unmounted.current = true;
    };
  }, [form, t]);

  // abandon an upload under way when the user leaves the page
  const abortOnLeave = useRef<(() => void) | null>(null);
  abortOnLeave.current = sending?.abort ?? null;
  useEffect(() => () => abortOnLeave.current?.(), []);

  const template = useMemo(() => URL.createObjectURL(templateCsv()), []);
  useEffect(() => () => URL.revokeObjectURL(template), [template]);

  const active = applications?.filter((application) => application.status === 'APPROVED') ?? [];
  const chosen = active.find((application) => application.applicationId === applicationId);

  async function choose(chosenFile: File) {
    setProblem(null);
    setNetworkFailed(false);
    const detected = await detectFormat(chosenFile);
    if (!detected) {
      setFile(null);
      setFormat(null);
      setFileError(t('submit:file.unsupported', { name: chosenFile.name }));
      return;
    }
    setFileError(null);
    setFile(chosenFile);
    setFormat(detected);
  }

  async function submit(options: Options) {
    if (!file || !format) {
      setFileError(t('submit:file.required'));
      return;
    }
    setProblem(null);
    setNetworkFailed(false);
    const upload = uploadJob(
      file,
      format,
      {
        applicationId: options.applicationId,
        watchUntil: options.watch && options.watchUntil ? options.watchUntil.format('YYYY-MM-DD') : undefined,
        callbackUrl: options.callbackUrl?.trim() || undefined,
      },
      (sent, total) => setSending((state) => state && { ...state, sent, total }),
      () => setSending((state) => state && { ...state, sent: state.total, checking: true }),
    );
    setSending({ sent: 0, total: file.size, checking: false, abort: upload.abort });
    const outcome = await upload.done;
    if (unmounted.current) return;
    setSending(null);
    if ('jobId' in outcome) {
      message.success(t('submit:accepted', { id: outcome.jobId.slice(0, 8) }));
      navigate(`/jobs/${outcome.jobId}`);
    } else if ('problem' in outcome) {
      setProblem(outcome.problem);
    } else if ('networkFailed' in outcome) {
      setNetworkFailed(true);
    }
  }

  const percent = sending && sending.total ? sending.sent / sending.total : 0;
  const noActive = applications !== null && active.length === 0;
  return (
    <>
      <PageTitle>{t('submit:title')}</PageTitle>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card style={{ marginBottom: 16 }}>
            {listProblem && <div style={{ marginBottom: 16 }}><ProblemAlert problem={listProblem} testId="submit-applications-problem" /></div>}
            {noActive && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="submit-no-application"
                title={t('submit:application.noneActive')}
                description={(
                  <>
                    {t('submit:application.noneActiveText')}
                    {mayCall('listApplications', session.roles) && <> <a href="#/applications">{t('submit:application.goTo')}</a></>}
                  </>
                )}
              />
            )}
            <Form<Options>
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{ watch: false }}
              disabled={!!sending}
            >
              <Form.Item
                label={t('submit:application.label')}
                name="applicationId"
                extra={t('submit:application.extra')}
                rules={[{ required: true, message: t('submit:application.required') }]}
              >
                <Select
                  data-testid="submit-application"
                  loading={applications === null && !listProblem}
                  placeholder={t('submit:application.placeholder')}
                  notFoundContent={t('submit:application.noneActive')}
                  options={active.map((application) => ({
                    value: application.applicationId,
                    label: `${application.purpose} · ${t('submit:application.until', { date: formatDate(application.validUntil) })}`,
                  }))}
                />
              </Form.Item>
              {chosen && (
                <Descriptions
                  size="small"
                  bordered
                  column={1}
                  style={{ marginBottom: 24 }}
                  data-testid="submit-application-details"
                  items={[
                    { key: 'id', label: t('submit:application.id'), children: <Typography.Text code>{chosen.applicationId}</Typography.Text> },
                    { key: 'purpose', label: t('submit:application.purpose'), children: chosen.purpose },
                    {
                      key: 'validity',
                      label: t('submit:application.validity'),
                      children: t('submit:application.validityRange', { from: formatDate(chosen.validFrom), until: formatDate(chosen.validUntil) }),
                    },
                    {
                      key: 'fields',
                      label: t('submit:application.fields'),
                      children: (
                        <>
                          <Space wrap size={[4, 4]}>
                            {(chosen.approvedFields ?? []).map((group) => (
                              <Tag key={group} data-field-group={group}>{t(`outcomes:fieldGroup.${group}`, { defaultValue: group })}</Tag>
                            ))}
                          </Space>
                          <div style={{ fontSize: 12, marginTop: 4 }}>{t('submit:application.fieldsHint')}</div>
                        </>
                      ),
                    },
                  ]}
                />
              )}
              <Form.Item name="watch" valuePropName="checked" extra={t('submit:watch.extra')} style={{ marginBottom: watch ? 8 : 24 }}>
                <Checkbox data-testid="submit-watch">{t('submit:watch.label')}</Checkbox>
              </Form.Item>
              {watch && (
                <Form.Item
                  label={t('submit:watch.until')}
                  name="watchUntil"
                  rules={[{ required: true, message: t('submit:watch.required') }]}
                  extra={t('submit:watch.untilExtra')}
                >
                  <DatePicker
                    data-testid="submit-watch-until"
                    disabledDate={(day) => day.isBefore(dayjs(), 'day') || day.isAfter(dayjs().add(10, 'year'), 'day')}
                  />
                </Form.Item>
              )}
              <Form.Item
                label={t('submit:callback.label')}
                name="callbackUrl"
                extra={t('submit:callback.extra')}
                rules={[{ type: 'url', message: t('submit:callback.invalid') }]}
              >
                <Input type="url" inputMode="url" placeholder="https://" data-testid="submit-callback" autoComplete="off" />
              </Form.Item>
              <Form.Item label={t('submit:file.label')} required htmlFor="submit-file-input">
                <div data-testid="submit-dropzone">
                  <Upload.Dragger
                    id="submit-file-input"
                    accept=".csv,.ndjson,.jsonl,.json"
                    multiple={false}
                    showUploadList={false}
                    beforeUpload={(chosenFile) => {
                      void choose(chosenFile);
                      return false;
                    }}
                  >
                    <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                    <p className="ant-upload-text">{t('submit:file.drop')}</p>
                    <p className="ant-upload-hint">{t('submit:file.hint')}</p>
                  </Upload.Dragger>
                </div>
              </Form.Item>
              {fileError && <Alert type="error" showIcon role="alert" title={fileError} style={{ marginBottom: 16 }} data-testid="submit-file-error" />}
              {file && format && (
                <Row gutter={16} align="bottom" style={{ marginBottom: 8 }}>
                  <Col flex="auto">
                    <Form.Item label={t('submit:file.chosen')}>
                      <Typography.Text data-testid="submit-file-name">{file.name}</Typography.Text>{' '}
                      <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text>
                    </Form.Item>
                  </Col>
                  <Col>
                    <Form.Item label={t('submit:file.format')} htmlFor="submit-format" extra={t('submit:file.formatExtra')}>
                      <Select
                        id="submit-format"
                        style={{ width: 220 }}
                        value={format}
                        onChange={setFormat}
                        data-testid="submit-format"
                        data-format={format}
                        options={(Object.keys(FORMATS) as Format[]).map((value) => ({ value, label: t(`submit:format.${value}`) }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              {sending && (
                <div style={{ marginBottom: 16 }} data-testid="submit-progress" data-percent={Math.round(percent * 100)}>
                  <Progress
                    percent={Math.floor(percent * 1000) / 10}
                    status="active"
                    aria-label={t('submit:progress.label')}
                  />
                  <Space wrap>
                    <Typography.Text aria-live="polite">
                      {sending.checking
                        ? t('submit:progress.checking')
                        : t('submit:progress.sent', { sent: formatBytes(sending.sent), total: formatBytes(sending.total), percent: formatPercent(percent) })}
                    </Typography.Text>
                    {sending.checking && <Spin size="small" />}
                    <Button size="small" onClick={sending.abort} disabled={false} data-testid="submit-abort">
                      {t('submit:progress.abort')}
                    </Button>
                  </Space>
                </div>
              )}
              {problem && (
                <div style={{ marginBottom: 16 }}>
                  <ProblemAlert problem={problem} testId="submit-problem" />
                  {problem.line != null && (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('submit:refusedWhole')}</Typography.Paragraph>
                  )}
                </div>
              )}
              {networkFailed && (
                <Alert type="error" showIcon role="alert" title={t('common:problem.network')} style={{ marginBottom: 16 }} data-testid="submit-problem" />
              )}
              <Button type="primary" htmlType="submit" loading={!!sending} disabled={noActive || !!sending} data-testid="submit-submit">
                {t('submit:submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('submit:help.title')}</h2>} data-testid="submit-help">
            <Typography.Paragraph>{t('submit:help.formats')}</Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20 }}>
              {(Object.keys(FORMATS) as Format[]).map((value) => (
                <li key={value}>
                  <strong>{t(`submit:format.${value}`)}</strong>{t('submit:help.colon')}{t(`submit:help.format.${value}`)}
                </li>
              ))}
            </ul>
            <h3 style={{ fontSize: 14, marginBottom: 8 }}>{t('submit:help.columns')}</h3>
            <dl style={{ margin: 0 }} data-testid="submit-columns">
              {CSV_COLUMNS.map((column) => (
                <div key={column} style={{ marginBottom: 8 }}>
                  <dt><Typography.Text code>{column}</Typography.Text></dt>
                  <dd style={{ marginInlineStart: 16 }}>{t(`submit:help.csv.${column}`)}</dd>
                </div>
              ))}
            </dl>
            <Typography.Paragraph style={{ marginTop: 12 }}>{t('submit:help.whole')}</Typography.Paragraph>
            <a href={template} download={TEMPLATE_NAME} data-testid="submit-template">
              <DownloadOutlined /> {t('submit:help.template')}
            </a>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('submit:help.templateHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  );
}
