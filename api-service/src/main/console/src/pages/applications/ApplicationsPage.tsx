import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function ApplicationsPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.applications')}</PageTitle>;
}
