import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';

export type Setting = Schemas['ConfigView.SettingView'];

/** The words of a setting (config:setting.<key>.label), or its key when this console does not know it yet. */
export function settingLabel(t: TFunction, key: string): string {
  return t(`config:setting.${key}.label`, { defaultValue: key });
}

export function settingHelp(t: TFunction, setting: Setting): string {
  return t(`config:setting.${setting.key}.help`, { defaultValue: setting.description });
}

/** An ISO-8601 duration as Java writes it (PT720H, PT1H30M, P30D) in days, hours or minutes; null if it is not one. */
export function durationWords(t: TFunction, iso: string | null | undefined): string | null {
  const match = iso?.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/);
  if (!match || iso === 'P' || iso === 'PT') return null;
  const minutes = Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) + Number(match[4] ?? 0) / 60;
  if (minutes > 0 && minutes % 1440 === 0) return t('config:duration.days', { count: minutes / 1440 });
  if (minutes > 0 && minutes % 60 === 0) return t('config:duration.hours', { count: minutes / 60 });
  return t('config:duration.minutes', { count: Math.round(minutes * 100) / 100 });
}

/** A value as the settings screen shows it: a duration with its words, a list with spaces after commas. */
export function valueText(t: TFunction, kind: string | undefined, value: string): string {
  if (value === '') return t('config:field.empty');
  if (kind === 'DURATION') {
    const words = durationWords(t, value);
    return words ? `${value} (${words})` : value;
  }
  if (kind === 'LIST') return value.split(',').join(', ');
  return value;
}
