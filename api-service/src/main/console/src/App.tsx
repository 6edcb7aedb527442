import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { Guard, NotFound } from './layout/Guard';
import { LoginPage } from './pages/login/LoginPage';
import { screens } from './screens';

// darker than antd's defaults: text on the primary blue, links, secondary and placeholder text reach WCAG AA contrast
const theme = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <HashRouter>
          <ConsoleRoutes />
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}

function ConsoleRoutes() {
  const session = useSession();
  const location = useLocation();
  const back = (location.state as { from?: string } | null)?.from ?? '/';
  return (
    <Routes>
      <Route path="/login" element={session ? <Navigate to={back} replace /> : <LoginPage />} />
      <Route element={session ? <AppLayout /> : <Navigate to="/login" replace state={{ from: location.pathname }} />}>
        {screens.map((screen) => <Route key={screen.key} path={screen.path} element={<Guard screen={screen} />} />)}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
