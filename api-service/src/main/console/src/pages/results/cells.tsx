import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { isChapter } from '../dashboard/chapters';
import type { ResultLine } from './stream';

/** The five outcomes in the order the API's counters list them, with their counter and a tag colour. */
export const OUTCOMES = [
  { outcome: 'MATCHED', counter: 'matched', color: '#237804' },
  { outcome: 'MATCHED_WITH_DISCREPANCY', counter: 'matchedWithDiscrepancy', color: '#ad4e00' },
  { outcome: 'PROBABLE', counter: 'probable', color: '#0958d9' },
  { outcome: 'NOT_FOUND', counter: 'notFound', color: '#595959' },
  { outcome: 'INVALID', counter: 'invalid', color: '#a8071a' },
] as const;

export type Outcome = (typeof OUTCOMES)[number]['outcome'];

/** Uncertain outcomes: a REVIEWER decides on them (docs/API.md, clerical review). */
const UNCERTAIN = new Set(['PROBABLE', 'MATCHED_WITH_DISCREPANCY']);

/**
 * An outcome in words, coloured as well (the words carry the meaning, the colour only helps): white on colours dark
 * enough for WCAG AA (antd's light tag colours are not).
 */
export function OutcomeTag({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  const color = OUTCOMES.find((o) => o.outcome === outcome)?.color ?? '#595959';
  return <Tag style={{ color: '#fff', background: color, borderColor: color }} data-outcome={outcome}>{t(`outcomes:outcome.${outcome}`, { defaultValue: outcome })}</Tag>;
}

/** The underlying cause's ICD-10 code and the title of its chapter. */
export function CauseCell({ line }: { line: Pick<ResultLine, 'underlyingCauseIcd10' | 'underlyingCauseChapter'> }) {
  const { t } = useTranslation();
  const chapter = line.underlyingCauseChapter;
  if (!line.underlyingCauseIcd10 && !chapter) return null;
  return (
    <span>
      {line.underlyingCauseIcd10 && <Typography.Text code>{line.underlyingCauseIcd10}</Typography.Text>}
      {chapter && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {isChapter(chapter)
            ? t('dashboard:chapterName', { numeral: chapter, title: t(`dashboard:chapter.${chapter}`) })
            : chapter}
        </Typography.Text>
      )}
    </span>
  );
}

/** A reviewer's decision, or 待复核 for an uncertain result nobody decided on yet. */
export function ReviewCell({ line }: { line: Pick<ResultLine, 'outcome' | 'review'> }) {
  const { t } = useTranslation();
  if (line.review) return <>{t(`results:review.${line.review.decision}`, { defaultValue: line.review.decision })}</>;
  if (UNCERTAIN.has(line.outcome)) return <Typography.Text type="secondary">{t('results:review.pending')}</Typography.Text>;
  return null;
}

/** The VL- code of an invalid or missing ID, with its meaning. */
export function ReasonCell({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <span>
      <Typography.Text code>{code}</Typography.Text> {t(`errors:${code}`, { defaultValue: '' })}
    </span>
  );
}

/** A calendar day (yyyy-MM-dd, no time zone) in the user's language, the same day wherever the browser is. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
    .format(date);
}
