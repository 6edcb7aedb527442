import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function ReviewPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.review')}</PageTitle>;
}
