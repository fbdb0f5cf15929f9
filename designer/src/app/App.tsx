import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { SessionProvider } from '../auth/session.context';
import { useLocale } from '../i18n/i18n';
import { AppRoutes } from './app-routes';

const theme = {
  token: { colorPrimary: '#1f6feb', borderRadius: 6, fontSize: 14 },
  components: { Layout: { headerBg: '#0f1b2d', headerHeight: 52, headerPadding: '0 20px' } },
};

/** The designer: language, theme, session, pages. */
export function App() {
  const locale = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
