import { Anchor, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../../app/components/DemoBanner';
import { LanguageSwitcher } from '../../app/components/LanguageSwitcher';
import { Logo } from '../../app/components/Logo';
import { ministryNameIn, useConfig } from '../../app/queries';
import { useDocumentTitle } from '../../app/title';
import { currentLanguage } from '../../i18n';

interface AuthLayoutProps {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the pages before the application: sign-in and its steps. */
export function AuthLayout({ title, intro, children, footer }: AuthLayoutProps) {
  const { t } = useTranslation();
  const config = useConfig();
  useDocumentTitle(title);
  const ministry = ministryNameIn(config.data, currentLanguage());
  return (
    <Box mih="100vh" bg="gray.0" style={{ display: 'flex', flexDirection: 'column' }}>
      <Anchor href="#main" className="madar-skip-link">
        {t('shell.skipToContent')}
      </Anchor>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <DemoBanner />
        <Group h={60} px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Logo to="/login" />
          <LanguageSwitcher compact />
        </Group>
      </Box>
      <Box component="main" id="main" tabIndex={-1} py={{ base: 'md', sm: 'xl' }} style={{ flex: 1 }}>
        <Container size={460} px="sm">
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={1} size="h2">
                  {title}
                </Title>
                {intro ? (
                  <Text size="sm" c="gray.7">
                    {intro}
                  </Text>
                ) : null}
              </Stack>
              {children}
            </Stack>
          </Paper>
          {footer ? <Box mt="md">{footer}</Box> : null}
        </Container>
      </Box>
      <Box component="footer" py="sm" px="md" ta="center">
        <Text size="xs" c="gray.7">
          {ministry ? `${ministry} · ` : ''}
          {t('app.tagline')}
        </Text>
      </Box>
    </Box>
  );
}
