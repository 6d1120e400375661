/** Providers: data (TanStack Query), language (antd locale + the app's strings), then the router. */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { I18nContext, saveLocale, savedLocale, translate, type I18n, type Locale } from './i18n';
import { queryClient } from './query-client';
import { router } from './router';

/**
 * zeroRuntime: antd's component styles come from its prebuilt stylesheet (imported in main.tsx) instead of being
 * generated in the browser on first render; only the theme's CSS variables (the primary colour) are computed.
 * It takes about a tenth off the main thread's work before the dashboard is usable (BENCHMARKS.md).
 */
const THEME = { token: { colorPrimary: '#b71c1c', borderRadius: 4 }, zeroRuntime: true };

export function App() {
  const [locale, setLocale] = useState<Locale>(savedLocale);
  const i18n = useMemo<I18n>(
    () => ({
      locale,
      t: (key, params) => translate(locale, key, params),
      setLocale: (next) => {
        saveLocale(next);
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
        setLocale(next);
      },
    }),
    [locale],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nContext.Provider value={i18n}>
        <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={THEME}>
          {/* One antd App for the whole app: pages take message and modal from AntApp.useApp(), themed and localised. */}
          <AntApp component={false}>
            <RouterProvider router={router} />
          </AntApp>
        </ConfigProvider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}
