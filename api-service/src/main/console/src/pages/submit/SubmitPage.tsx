import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function SubmitPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.submit')}</PageTitle>;
}
