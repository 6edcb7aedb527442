import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { PrecisionReport } from './PrecisionReport';
import { ReviewQueue } from './ReviewQueue';

/** 人工复核 (REVIEWER): the organisation's uncertain links to judge, and the precision report of the judgements. */
export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('common:nav.review')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('review:intro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'queue', label: <span data-testid="review-tab-queue">{t('review:tab.queue')}</span>, children: <ReviewQueue /> },
          {
            key: 'report',
            label: <span data-testid="review-tab-report">{t('review:tab.report')}</span>,
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('review:report.intro')}</Typography.Paragraph>
                <PrecisionReport />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
