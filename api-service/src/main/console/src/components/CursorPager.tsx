import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { Button, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';

/**
 * Previous / next over an API that pages with cursors: {@code cursors} holds the cursor of every page shown so far
 * (the first page's is undefined), so going back needs no cursor the API did not give.
 */
export function CursorPager({ cursors, setCursors, next, loading, label, testId, children }: {
  cursors: (string | undefined)[];
  setCursors: Dispatch<SetStateAction<(string | undefined)[]>>;
  next: string | null | undefined;
  loading: boolean;
  /** what is paged, for screen readers */
  label: string;
  /** prefix of the buttons' data-testid: <prefix>-previous, <prefix>-next */
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={label} style={{ marginTop: 16 }}>
      <Space>
        <Button
          icon={<LeftOutlined />}
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors((shown) => shown.slice(0, -1))}
          data-testid={`${testId}-previous`}
        >
          {t('common:pager.previous')}
        </Button>
        <Typography.Text>{t('common:pager.page', { page: formatNumber(cursors.length) })}</Typography.Text>
        <Button
          icon={<RightOutlined />}
          iconPlacement="end"
          disabled={!next || loading}
          onClick={() => next && setCursors((shown) => [...shown, next])}
          data-testid={`${testId}-next`}
        >
          {t('common:pager.next')}
        </Button>
        {children}
      </Space>
    </nav>
  );
}
