import { Alert, Box, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** The words for an error: the server's translated message when it sent one, ours otherwise. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.problem.detail && error.status > 0) return error.problem.detail;
      return t(`errors.${error.code}`, { defaultValue: t('errors.generic') });
    }
    return t('errors.generic');
  };
}

interface ProblemAlertProps {
  error: unknown;
  testId?: string;
  title?: string;
  onRetry?: () => void;
}

/**
 * Shows an error in a live region, so screen readers announce it. The region stays in the page;
 * the alert inside it appears when there is an error.
 */
export function ProblemAlert({ error, testId, title, onRetry }: ProblemAlertProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Box aria-live="assertive" aria-atomic="true">
      {error ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={title}
          role="alert"
          data-testid={testId}
        >
          <Text size="sm" c="red.9">
            {message(error)}
          </Text>
          {error instanceof ApiError && error.status >= 500 && error.problem.requestId ? (
            <Text size="xs" c="gray.7" mt={4}>
              {t('errors.reference', { id: error.problem.requestId })}
            </Text>
          ) : null}
          {onRetry ? (
            <Group mt="sm">
              <Button size="xs" variant="white" color="red.8" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            </Group>
          ) : null}
        </Alert>
      ) : null}
    </Box>
  );
}
