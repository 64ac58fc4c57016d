import { Button, Center, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/title';

interface ErrorStateProps {
  code?: string;
  title: string;
  message: string;
  testId: string;
  actions?: ReactNode;
}

export function ErrorState({ code, title, message, testId, actions }: ErrorStateProps) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <Center mih={360} p="md" data-testid={testId}>
      <Stack align="center" gap="sm" maw={480} ta="center">
        {code ? (
          <Text fz={56} fw={700} c="madar.8" aria-hidden="true" lh={1}>
            {code}
          </Text>
        ) : null}
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="gray.7">{message}</Text>
        {actions ?? (
          <Button component={Link} to="/">
            {t('errors.backHome')}
          </Button>
        )}
      </Stack>
    </Center>
  );
}
