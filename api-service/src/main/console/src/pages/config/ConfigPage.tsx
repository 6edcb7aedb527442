import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function ConfigPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.config')}</PageTitle>;
}
