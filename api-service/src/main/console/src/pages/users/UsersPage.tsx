import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function UsersPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.users')}</PageTitle>;
}
