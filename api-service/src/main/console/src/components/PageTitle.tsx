import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The heading every screen starts with (one h1 per screen). */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }} data-testid="page-title">
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
