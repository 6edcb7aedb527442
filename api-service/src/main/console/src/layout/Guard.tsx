import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { mayCall } from '../api/client';
import { useSession } from '../auth/session';
import { menuScreens, type Screen } from '../screens';

/** A screen the role may not use shows 无权访问; the home screen sends a role without it to its first screen. */
export function Guard({ screen }: { screen: Screen }) {
  const session = useSession()!;
  if (mayCall(screen.operation, session.roles)) return <>{screen.element}</>;
  if (screen.path === '/') {
    const first = menuScreens.find((s) => mayCall(s.operation, session.roles));
    if (first && first.path !== '/') return <Navigate to={first.path} replace />;
  }
  return <Forbidden />;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<h1 style={{ fontSize: 24 }} data-testid="forbidden">{t('common:forbidden.title')}</h1>}
      subTitle={t('common:forbidden.text')}
      extra={<Link to="/"><Button type="primary">{t('common:action.home')}</Button></Link>}
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24 }} data-testid="not-found">{t('common:notFound.title')}</h1>}
      subTitle={t('common:notFound.text')}
      extra={<Link to="/"><Button type="primary">{t('common:action.home')}</Button></Link>}
    />
  );
}
