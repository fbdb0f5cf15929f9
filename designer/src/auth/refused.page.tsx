import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';

/** Shown to someone whose role may not open the page (a rep opening the flow editor). */
export function RefusedPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="refused">
      <Result
        status="403"
        title={t('refused.title')}
        subTitle={t('refused.body')}
        extra={<Button type="primary" onClick={() => navigate('/customers')}>{t('refused.back')}</Button>}
      />
    </div>
  );
}
