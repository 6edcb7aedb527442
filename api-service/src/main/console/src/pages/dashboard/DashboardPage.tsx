import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function DashboardPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.dashboard')}</PageTitle>;
}
