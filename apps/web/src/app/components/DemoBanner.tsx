import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConfig } from '../queries';

export const DEMO_BANNER_HEIGHT = 28;

export function useIsDemo(): boolean {
  return useConfig().data?.demo === true;
}

/** A band that says, on every page, that this installation holds fictitious data only. */
export function DemoBanner() {
  const { t } = useTranslation();
  if (!useIsDemo()) return null;
  return (
    <Box
      role="note"
      data-testid="demo-banner"
      h={DEMO_BANNER_HEIGHT}
      px="sm"
      bg="yellow.4"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}
    >
      <Text size="xs" fw={700} c="dark.9" truncate="end">
        {t('demo.banner')}
      </Text>
    </Box>
  );
}
