// Providers (language, Ant Design theme and locale, session) and the router built from routes.tsx.
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { configureClient } from './api/client';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { normaliseLanguage } from './i18n';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { ForbiddenPage } from './pages/errors/ForbiddenPage';
import { NotFoundPage } from './pages/errors/NotFoundPage';
import { LoginPage } from './pages/login/LoginPage';
import { SetupPage } from './pages/setup/SetupPage';
import { canOpen, consoleRoutes, homePath, standaloneRoutes } from './routes';

function LocaleProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  configureClient({ locale: () => language, networkMessage: () => t('errors.network') });
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [language, t]);
  return (
    <ConfigProvider
      locale={language === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { borderRadius: 6 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp style={{ height: '100%' }}>{children}</AntApp>
    </ConfigProvider>
  );
}

export function FullScreenSpin() {
  return (
    <div style={{ height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const { status, loggedOut } = useAuth();
  const location = useLocation();
  if (status === 'setup') return <Navigate to="/setup" replace />;
  // After an expired session the user comes back to the page they were on; after logging out, to the start.
  if (status !== 'ready') {
    return <Navigate to="/login" replace state={loggedOut ? undefined : { from: location.pathname }} />;
  }
  return children;
}

function LoginRoute() {
  const { status, can } = useAuth();
  const location = useLocation();
  if (status === 'setup') return <Navigate to="/setup" replace />;
  if (status === 'ready') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/' ? from : homePath(can)} replace />;
  }
  return <LoginPage />;
}

function AppRoutes() {
  const { t } = useTranslation();
  const { status, can, refresh } = useAuth();
  if (status === 'loading') return <FullScreenSpin />;
  if (status === 'unreachable') {
    return (
      <Result
        status="warning"
        title={t('errors.network')}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return (
    <Suspense fallback={<FullScreenSpin />}>
      <Routes>
        {standaloneRoutes.map((r) => (
          <Route key={r.path} path={r.path} element={<r.page />} />
        ))}
        <Route path="/setup" element={status === 'setup' ? <SetupPage /> : <Navigate to="/" replace />} />
        <Route path="/login" element={<LoginRoute />} />
        <Route
          path="/"
          element={
            <RequireSession>
              <ConsoleLayout />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to={homePath(can)} replace />} />
          {consoleRoutes.map((r) => (
            <Route key={r.path} path={r.path} element={canOpen(r, can) ? <r.page /> : <ForbiddenPage />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </LocaleProvider>
  );
}
