import { Alert, Button, Group, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';

/**
 * Someone else saved the item first (409 version_conflict): say so, and offer to load their version
 * (the user's changes are then lost; they can redo them).
 */
export function VersionConflict({
  error,
  onReload,
}: {
  error: unknown;
  onReload: (current: unknown) => void;
}) {
  const { t } = useTranslation();
  if (!isApiError(error, 'version_conflict')) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      icon={<IconGitCompare aria-hidden="true" />}
      title={t('conflict.title')}
      data-testid="version-conflict"
    >
      <Text size="sm">{error.problem.detail ?? t('conflict.text')}</Text>
      <Group mt="sm">
        <Button size="xs" onClick={() => onReload(error.problem.current)} data-testid="conflict-reload">
          {t('conflict.reload')}
        </Button>
      </Group>
    </Alert>
  );
}
