import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '../../app/api';
import { useErrorMessage } from '../../app/components/ProblemAlert';
import { ErrorState } from './ErrorState';
import { ForbiddenPage } from './ForbiddenPage';
import { NotFoundPage } from './NotFoundPage';

/** The error boundary of the router: a page that failed to render, or a failed call it did not handle. */
export function RouteErrorPage({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = useErrorMessage();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  if (import.meta.env.DEV) console.error(error);
  return (
    <div style={fullPage ? { minHeight: '100vh' } : undefined}>
      <ErrorState
        title={t('errors.unexpectedTitle')}
        message={error instanceof ApiError ? message(error) : t('errors.unexpectedText')}
        testId="page-error"
        actions={
          <Group justify="center">
            <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
            <Button variant="default" component="a" href="/">
              {t('errors.backHome')}
            </Button>
          </Group>
        }
      />
    </div>
  );
}
