import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';
import { problemText } from './problemText';

/** An API refusal shown in words: the code and its meaning, the line and field, and the API's detail. */
export function ProblemAlert({ problem, testId = 'problem' }: { problem: Problem; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      message={problemText(t, problem)}
      description={problem.detail ? t('common:problem.detail', { detail: problem.detail }) : undefined}
    />
  );
}
