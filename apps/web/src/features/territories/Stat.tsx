import { Paper, Text } from '@mantine/core';

/** One figure of a territory's view, with what it counts. */
export function Stat({
  label,
  value,
  color,
  hint,
  testId,
}: {
  label: string;
  value: string;
  color?: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="xs" c="gray.7" fw={500}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color ? `${color}.9` : undefined} dir="auto">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="gray.7">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
