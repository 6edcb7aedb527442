import type { TFunction } from 'i18next';
import { ProblemError, type Problem } from '../api/client';

/** A refusal in the user's words: code, what it means, where in the upload (line, field). */
export function problemText(t: TFunction, problem: Problem): string {
  const words = t(`errors:${problem.code}`, { defaultValue: problem.title });
  const where = [
    problem.line != null ? t('common:problem.line', { line: problem.line }) : null,
    problem.field ? t('common:problem.field', { field: problem.field }) : null,
  ].filter(Boolean).join(t('common:problem.separator', { defaultValue: ', ' }));
  return `${problem.code} ${words}${where ? ` (${where})` : ''}`;
}

/** Any error thrown by an API call as a problem; a failed fetch becomes a network problem. */
export function toProblem(t: TFunction, error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { type: 'about:blank', title: t('common:problem.network'), status: 0, detail: String(error), code: 'VL-1503' };
}
