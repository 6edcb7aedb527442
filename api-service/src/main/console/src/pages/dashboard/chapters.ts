/**
 * The 22 chapters of ICD-10 as the API names them (Roman numerals, JobView.deathsByUnderlyingCauseChapter and a
 * result's underlyingCauseChapter; io.vitalink.icd.Icd10.Chapter), in chapter order. Their titles are
 * dashboard:chapter.<numeral> in each language.
 */
export const CHAPTERS = [
  'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI',
  'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII',
] as const;

export type Chapter = (typeof CHAPTERS)[number];

export function isChapter(value: string | null | undefined): value is Chapter {
  return !!value && (CHAPTERS as readonly string[]).includes(value);
}
