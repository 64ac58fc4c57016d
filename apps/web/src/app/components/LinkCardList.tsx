import { directionOf, type Language } from '@madar/domain';
import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * Items as a list of cards, each card one link — the same on a phone and a desktop, so an item
 * opens in one tap — or a line that says the list is empty.
 */
export function LinkCardList<T extends { id: string }>({
  items,
  testId,
  emptyText,
  children,
}: {
  items: T[];
  testId: string;
  emptyText: string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) {
    return (
      <Paper withBorder p="lg" radius="md" data-testid={testId}>
        <Text ta="center" c="gray.7" size="sm">
          {emptyText}
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xs" component="ul" data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <li key={item.id}>{children(item)}</li>
      ))}
    </Stack>
  );
}

/** The test id and the states the browser tests read on a card (`data-status`, `data-urgency`…). */
type DataAttributes = { [name: `data-${string}`]: string | boolean | undefined };

/** One card of a LinkCardList: the whole card is the link; its chevron points the way of reading. */
export function LinkCard({
  to,
  style,
  children,
  ...data
}: { to: string; style?: CSSProperties; children: ReactNode } & DataAttributes) {
  const { i18n } = useTranslation();
  const Chevron = directionOf(i18n.language as Language) === 'rtl' ? IconChevronLeft : IconChevronRight;
  return (
    <UnstyledButton component={Link} to={to} display="block" w="100%" {...data}>
      <Paper withBorder radius="md" p="sm" style={style}>
        <Group justify="space-between" wrap="nowrap" gap="sm" align="center">
          {children}
          <Chevron size={20} aria-hidden="true" color="var(--mantine-color-gray-6)" />
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
