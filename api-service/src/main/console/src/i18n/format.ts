import i18n from './index';

/** Numbers, dates and shares in the language the user chose. */
export function formatNumber(value: number | null | undefined): string {
  return value == null ? '' : new Intl.NumberFormat(i18n.language).format(value);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
}
