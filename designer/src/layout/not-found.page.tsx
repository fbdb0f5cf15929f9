import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title={t('notFound.title')} subTitle={t('notFound.body')} extra={<Button onClick={() => navigate('/')}>{t('notFound.home')}</Button>} />;
}
