import { useTranslation } from 'react-i18next';
import { ErrorState } from './ErrorState';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <ErrorState
      code="403"
      title={t('errors.forbiddenTitle')}
      message={t('errors.forbiddenText')}
      testId="page-403"
    />
  );
}
