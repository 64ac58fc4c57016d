import { Alert, Loader, Text } from '@mantine/core';
import { IconFolderShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUserOpenCases } from './api';

/**
 * Said before an administrator saves what takes an account off its cases — a deactivation, or a move
 * to another province or to roles without cases: the open cases it holds return to the CAPE
 * coordinator (the server releases them in the same save). Nothing when it holds none.
 */
export function OpenCasesNotice({
  userId,
  because = 'deactivation',
}: {
  userId: string;
  because?: 'deactivation' | 'change';
}) {
  const { t } = useTranslation();
  const query = useUserOpenCases(userId, true);
  if (query.isPending) {
    return (
      <Text size="sm" c="gray.7" role="status" data-testid="user-open-cases-checking">
        <Loader size="xs" me="xs" aria-hidden="true" />
        {t('userDeactivation.checking')}
      </Text>
    );
  }
  if (query.isError) {
    return (
      <Text size="sm" role="status" data-testid="user-open-cases-unknown">
        {t(because === 'deactivation' ? 'userDeactivation.unknown' : 'userDeactivation.unknownOnChange')}
      </Text>
    );
  }
  const openCases = query.data.openCases;
  if (openCases === 0) return null;
  return (
    <Alert
      color="madar"
      variant="light"
      role="status"
      icon={<IconFolderShare aria-hidden="true" />}
      data-testid="user-open-cases"
    >
      {t(because === 'deactivation' ? 'userDeactivation.openCases' : 'userDeactivation.openCasesOnChange', {
        count: openCases,
        n: String(openCases),
      })}
    </Alert>
  );
}
