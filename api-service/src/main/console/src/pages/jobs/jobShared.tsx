import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, ConfigProvider, Modal, Progress, Tag } from 'antd';
import {
  CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, MinusCircleOutlined, SyncOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';
import { toProblem } from '../../components/problemText';
import { formatNumber, formatPercent } from '../../i18n/format';
import i18n from '../../i18n';

export type Job = Schemas['JobView'];

/** The states after which nothing changes any more (a watched cohort's later results aside). */
export const ENDED_STATES = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const JOB_STATES = ['RECEIVING', 'RUNNING', ...ENDED_STATES];

export function isEnded(state: string | null | undefined): boolean {
  return ENDED_STATES.includes(state ?? '');
}

/** A job's watch may still be ended by DELETE: a COMPLETED watched cohort whose watch has not ended or run out. */
export function watchRunning(job: Job): boolean {
  if (job.state !== 'COMPLETED' || !job.watchUntil || job.watchEndedAt) return false;
  return job.watchUntil >= new Date().toISOString().slice(0, 10);
}

// text colours dark enough on their light backgrounds for WCAG AA (antd's preset tag colours are not)
const STATE_LOOK: Record<string, { color: string; background: string; border: string; icon: ReactNode }> = {
  RECEIVING: { color: '#434343', background: '#fafafa', border: '#d9d9d9', icon: <ClockCircleOutlined /> },
  RUNNING: { color: '#003eb3', background: '#e6f4ff', border: '#91caff', icon: <SyncOutlined spin /> },
  COMPLETED: { color: '#135200', background: '#f6ffed', border: '#b7eb8f', icon: <CheckCircleOutlined /> },
  FAILED: { color: '#a8071a', background: '#fff1f0', border: '#ffa39e', icon: <CloseCircleOutlined /> },
  CANCELLED: { color: '#873800', background: '#fff7e6', border: '#ffd591', icon: <MinusCircleOutlined /> },
};

/** The state in words with an icon (the colour only adds to the words). */
export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  const look = STATE_LOOK[state] ?? STATE_LOOK.RECEIVING;
  return (
    <Tag
      icon={look.icon}
      style={{ color: look.color, background: look.background, borderColor: look.border }}
      data-testid="job-state"
      data-state={state}
    >
      {t(`outcomes:state.${state}`, { defaultValue: state })}
    </Tag>
  );
}

/** Processed of expected as a bar; while the record count is not known yet (RECEIVING) the bar shows what is processed. */
export function JobProgress({ job, size = 'default' }: { job: Job; size?: 'small' | 'default' }) {
  const { t } = useTranslation();
  const expected = job.expected ?? null;
  const processed = job.processed ?? 0;
  const share = expected ? Math.min(1, processed / expected) : job.state === 'COMPLETED' ? 1 : 0;
  const status = job.state === 'FAILED' ? 'exception' : job.state === 'COMPLETED' ? 'success'
    : job.state === 'CANCELLED' ? 'normal' : 'active';
  const label = expected != null
    ? t('jobs:progress.of', { processed: formatNumber(processed), expected: formatNumber(expected), percent: formatPercent(share) })
    : t('jobs:progress.unknown', { processed: formatNumber(processed) });
  return (
    <div data-testid="job-progress" data-processed={processed} data-expected={expected ?? ''}>
      <Progress
        percent={Math.round(share * 1000) / 10}
        status={status}
        size={size === 'small' ? 'small' : undefined}
        showInfo={false}
        aria-label={label}
        aria-valuetext={label}
      />
      <div style={{ fontSize: size === 'small' ? 12 : 14 }}>{label}</div>
    </div>
  );
}

/** The outcome counters of a job, in the order the API names them. */
export const COUNTERS = ['matched', 'matchedWithDiscrepancy', 'probable', 'notFound', 'invalid', 'deadLettered', 'skipped'] as const;
export type Counter = (typeof COUNTERS)[number];

/** A duration in milliseconds in words: seconds below a minute, else minutes and seconds, else hours and minutes. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '';
  // 秒 rather than 秒钟 in Chinese; seconds rather than s in English
  const unitDisplay = i18n.language.startsWith('zh') ? 'short' : 'long';
  const unit = (value: number, name: string, digits = 0) => new Intl.NumberFormat(i18n.language, {
    style: 'unit', unit: name, unitDisplay, maximumFractionDigits: digits,
  }).format(value);
  if (ms < 60_000) return unit(ms / 1000, 'second', 1);
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${unit(Math.floor(seconds / 60), 'minute')} ${unit(seconds % 60, 'second')}`;
  return `${unit(Math.floor(seconds / 3600), 'hour')} ${unit(Math.floor((seconds % 3600) / 60), 'minute')}`;
}

/** The first 8 characters of a UUID: enough to tell jobs apart on a screen; the whole id is copied. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** An application's status in words: the shared words, and those only a read shows (EXPIRED, NOT_YET_VALID). */
export function applicationStatus(t: TFunction, status: string | null | undefined): string {
  if (!status) return t('jobs:application.unknown');
  if (i18n.exists(`outcomes:application.${status}`)) return t(`outcomes:application.${status}`);
  return t(`jobs:application.status.${status}`, { defaultValue: status });
}

/**
 * Calls `refresh` every `intervalMs` after the previous call finished, while `active` and the tab is visible; when the
 * tab shows again, at once.
 */
export function useLiveRefresh(active: boolean, refresh: () => Promise<unknown>, intervalMs = 2000) {
  const latest = useRef(refresh);
  latest.current = refresh;
  const [visible, setVisible] = useState(() => !document.hidden);
  useEffect(() => {
    const changed = () => setVisible(!document.hidden);
    document.addEventListener('visibilitychange', changed);
    return () => document.removeEventListener('visibilitychange', changed);
  }, []);
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (!active || !visible) {
      wasVisible.current = visible;
      return undefined;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await latest.current();
      } finally {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      }
    };
    // back from a hidden tab: refresh at once; else wait one interval (the data was just loaded)
    if (!wasVisible.current) void tick();
    else timer = setTimeout(tick, intervalMs);
    wasVisible.current = visible;
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, visible, intervalMs]);
  return active && visible;
}

/** antd's red (#ff4d4f) under white text is below WCAG AA; this one is not. */
const DANGER = { token: { colorError: '#cf1322' } };

/**
 * 取消 (or 结束关注 for a completed watched cohort): asks first, then DELETE /api/v1/jobs/{id}; the API answers the job
 * as it stands (CANCELLED shows once the matcher has taken it).
 */
export function CancelJobButton({ job, onDone, onProblem, size, testId = 'job-cancel' }: {
  job: Job;
  testId?: string;
  onDone: (job: Job) => void;
  onProblem: (problem: Problem) => void;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // the dialog renders here, inside the darker red below
  const [modal, dialog] = Modal.useModal();
  const [busy, setBusy] = useState(false);
  const endsWatch = watchRunning(job);
  // the dialog stays while it is open, also when the job ends meanwhile (the API then answers VL-1131)
  const shown = !isEnded(job.state) || endsWatch;
  const kind = endsWatch ? 'endWatch' : 'cancel';
  const id = shortId(job.jobId);

  async function cancel() {
    setBusy(true);
    try {
      const answer = unwrap(await api.DELETE('/api/v1/jobs/{jobId}', { params: { path: { jobId: job.jobId } } }));
      message.success(t(`jobs:${kind}.requested`, { id }));
      onDone(answer);
    } catch (e) {
      onProblem(toProblem(t, e));
    } finally {
      setBusy(false);
    }
  }

  function ask() {
    modal.confirm({
      title: t(`jobs:${kind}.confirmTitle`, { id }),
      content: t(`jobs:${kind}.confirmText`),
      okText: t(`jobs:${kind}.confirmOk`),
      okButtonProps: { danger: true, ...({ 'data-testid': 'cancel-confirm' } as object) },
      cancelText: t(`jobs:${kind}.confirmKeep`),
      cancelButtonProps: { ...({ 'data-testid': 'cancel-keep' } as object) },
      onOk: cancel,
    });
  }

  return (
    <ConfigProvider theme={DANGER}>
      {dialog}
      {shown && (
        <Button
          danger
          size={size}
          loading={busy}
          onClick={ask}
          data-testid={testId}
          aria-label={t(`jobs:${kind}.buttonLabel`, { id })}
        >
          {t(`jobs:${kind}.button`)}
        </Button>
      )}
    </ConfigProvider>
  );
}
