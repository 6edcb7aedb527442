import type { TFunction } from 'i18next';
import { formatDate } from '../../i18n/format';
import { TONE } from '../review/tones';

/** Every field group, in the order the API documents them. */
export const FIELD_GROUPS = ['DEATH_DATE', 'CAUSES', 'PLACE'] as const;

/** An application's state today: the shared words (outcomes:application) and the two states only read, not stored. */
export function statusWords(t: TFunction, status: string): string {
  const own = t(`applications:status.${status}`, { defaultValue: status });
  return t(`outcomes:application.${status}`, { defaultValue: own });
}

export const STATUS_COLOURS: Record<string, string> = {
  SUBMITTED: TONE.info, APPROVED: TONE.success, REJECTED: TONE.error, REVOKED: TONE.neutral, EXPIRED: TONE.neutral,
  NOT_YET_VALID: TONE.warning,
};

export function groupsWords(t: TFunction, groups: string[] | null | undefined): string {
  return (groups ?? []).map((group) => t(`outcomes:fieldGroup.${group}`, { defaultValue: group })).join(t('common:problem.separator'));
}

/** A day (yyyy-MM-dd, no time zone) in the user's language. */
export function day(value: string | null | undefined): string {
  return value ? formatDate(`${value}T00:00:00`) : '';
}
