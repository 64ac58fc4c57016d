import { Paper, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The filters above a list: a labelled search region that stacks on phones. */
export function FilterBar({ children, cols = 4 }: { children: ReactNode; cols?: number }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" mb="md" radius="md" role="search" aria-label={t('common.filters')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: cols }} spacing="sm" verticalSpacing="xs">
        {children}
      </SimpleGrid>
    </Paper>
  );
}
