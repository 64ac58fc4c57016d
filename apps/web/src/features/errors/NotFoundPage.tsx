import { useTranslation } from 'react-i18next';
import { ErrorState } from './ErrorState';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <ErrorState
      code="404"
      title={t('errors.notFoundTitle')}
      message={t('errors.notFoundText')}
      testId="page-404"
    />
  );
}
