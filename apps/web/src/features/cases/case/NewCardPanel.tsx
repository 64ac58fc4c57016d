import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, can } from '../api';

/**
 * The top panel of a section where new cards are written (danger assessment, evaluation): a title,
 * the "new" button for those who may write, an introduction, then the form while writing — or why
 * this user cannot write (closed case, read-only role).
 */
export function NewCardPanel({
  detail,
  id,
  title,
  intro,
  newLabel,
  newTestId,
  writing,
  onWrite,
  children,
}: {
  detail: CaseDetail;
  id: string;
  title: string;
  intro: string;
  newLabel: string;
  newTestId: string;
  writing: boolean;
  onWrite: () => void;
  /** Alerts and, while writing, the form. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const mayWrite = can(detail, 'update') && detail.closedAt === null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" gap="xs" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {mayWrite && !writing ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={onWrite}
            data-testid={newTestId}
          >
            {newLabel}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="gray.8" mb="sm">
        {intro}
      </Text>
      {children}
      {!mayWrite ? (
        <Text size="sm" c="gray.7">
          {detail.closedAt ? t('casePage.closedReadOnly') : t('casePage.readOnlyRole')}
        </Text>
      ) : null}
    </Paper>
  );
}
