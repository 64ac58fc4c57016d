import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';

/**
 * The list of cards already written in a section (assessments, follow-ups, evaluations), newest
 * first: its loading state, its error with a retry, and what to say when there are none.
 */
export function CardHistory<T>({
  id,
  title,
  emptyText,
  query,
  testId,
  render,
}: {
  id: string;
  title: string;
  emptyText: string;
  query: { isPending: boolean; error: unknown; data?: { items: T[] } | undefined; refetch: () => unknown };
  testId: string;
  render: (item: T) => ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>
        {title}
      </Title>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      {query.data?.items.length === 0 ? (
        <Text size="sm" c="gray.7">
          {emptyText}
        </Text>
      ) : null}
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} data-testid={testId}>
        {query.data?.items.map(render)}
      </Stack>
    </Paper>
  );
}
