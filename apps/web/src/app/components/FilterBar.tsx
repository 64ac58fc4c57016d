import { Button, Collapse, Paper, SimpleGrid, Stack } from '@mantine/core';
import { useDisclosure, useId, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FilterBarProps {
  /** Always shown (usually the search field). */
  primary?: ReactNode;
  /** Further filters: folded behind a button on phones, to keep the list in view. */
  children: ReactNode;
  cols?: number;
}

/** The filters above a list: a labelled search region. */
export function FilterBar({ primary, children, cols = 4 }: FilterBarProps) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [opened, { toggle }] = useDisclosure(false);
  const id = useId();
  return (
    <Paper withBorder p="sm" mb="md" radius="md" role="search" aria-label={t('common.filters')}>
      {wide ? (
        <SimpleGrid cols={{ base: 2, md: cols }} spacing="sm" verticalSpacing="xs">
          {primary}
          {children}
        </SimpleGrid>
      ) : (
        <Stack gap="xs">
          {primary}
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden="true" />}
            onClick={toggle}
            aria-expanded={opened}
            aria-controls={id}
            style={{ alignSelf: 'flex-start' }}
          >
            {opened ? t('common.hideFilters') : t('common.moreFilters')}
          </Button>
          <Collapse expanded={opened} id={id}>
            <Stack gap="xs">{children}</Stack>
          </Collapse>
        </Stack>
      )}
    </Paper>
  );
}
