import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function JobsPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.jobs')}</PageTitle>;
}
