import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function AuditPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('common:nav.audit')}</PageTitle>;
}
