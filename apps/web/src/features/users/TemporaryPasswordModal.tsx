import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../app/components/AppModal';

import { CopyValue } from '../../app/components/CopyValue';

interface TemporaryPasswordModalProps {
  password: string | null;
  login: string;
  onClose: () => void;
}

/** A temporary password is shown once: the administrator gives it to the user by a safe channel. */
export function TemporaryPasswordModal({ password, login, onClose }: TemporaryPasswordModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={password !== null}
      onClose={onClose}
      title={t('users.temporaryPasswordTitle')}
      closeOnClickOutside={false}
      centered
    >
      <Stack gap="md">
        <Text size="sm">{t('users.temporaryPasswordFor', { login })}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code block fz="lg" className="madar-mono" style={{ flex: 1 }} data-testid="temporary-password">
            {password}
          </Code>
          <CopyValue value={password ?? ''} testId="temporary-password-copy" />
        </Group>
        <Alert color="orange" variant="light" role="note" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text size="sm">{t('users.temporaryPasswordOnce')}</Text>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="temporary-password-close">
            {t('users.temporaryPasswordDone')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
