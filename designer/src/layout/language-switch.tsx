import { Segmented } from 'antd';
import { changeLocale, useLocale } from '../i18n/i18n';

/** 中文 / English; remembered in this browser. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const locale = useLocale();
  return (
    <Segmented
      size="small"
      value={locale}
      onChange={(v) => void changeLocale(v as 'zh-CN' | 'en')}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      style={dark ? { background: 'rgba(255,255,255,.12)' } : undefined}
      data-testid="language-switch"
    />
  );
}
