import { Alert, Anchor, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { visibleNavigation } from '../../app/navigation';
import { ministryNameIn, useConfig, useCurrentSession } from '../../app/queries';
import { institutionName, useReferenceNames } from '../../app/reference';
import { useDocumentTitle } from '../../app/title';
import { currentLanguage } from '../../i18n';
import { useInstitution } from '../institutions/api';
import { RoleBadges } from '../users/labels';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="gray.7" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const config = useConfig();
  const names = useReferenceNames();
  const institution = useInstitution(user.institutionId);
  const language = currentLanguage();
  useDocumentTitle(t('nav.home'));
  const links = visibleNavigation(user.roles).filter((item) => item.key !== 'home');

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid="home-greeting">
          {t('home.greeting', { name: user.fullName })}
        </Title>
        <Text c="gray.7">{ministryNameIn(config.data, language)}</Text>
      </Stack>

      {!user.totpEnabled ? (
        <Alert color="orange" variant="light" role="note" icon={<IconShieldExclamation aria-hidden="true" />}>
          <Text size="sm">
            {t('home.twoFactorAdvice')}{' '}
            <Anchor component={Link} to="/profile" size="sm" underline="always">
              {t('home.twoFactorLink')}
            </Anchor>
          </Text>
        </Alert>
      ) : null}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="home-profile-title">
        <Title order={2} size="h4" mb="md" id="home-profile-title">
          {t('home.yourAccount')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Fact label={user.roles.length > 1 ? t('home.roles') : t('home.role')} testId="home-roles">
            <RoleBadges roles={user.roles} />
          </Fact>
          <Fact label={t('home.territory')} testId="home-territory">
            <Text size="sm">
              {user.territoryCode ? names.territory(user.territoryCode) : t('home.national')}
            </Text>
          </Fact>
          <Fact label={t('home.institution')} testId="home-institution">
            <Text size="sm">
              {user.institutionId
                ? institution.data
                  ? institutionName(institution.data, language)
                  : institution.isError
                    ? t('home.institutionUnavailable')
                    : '…'
                : t('home.noInstitution')}
            </Text>
          </Fact>
        </SimpleGrid>
      </Paper>

      {links.length > 0 ? (
        <section aria-labelledby="home-links-title">
          <Title order={2} size="h4" mb="sm" id="home-links-title">
            {t('home.shortcuts')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            {links.map((item) => {
              const Icon = item.icon;
              return (
                <Card key={item.key} withBorder radius="md" component={Link} to={item.path} padding="md">
                  <Group gap="sm" wrap="nowrap">
                    <ThemeIcon variant="light" size="lg" radius="md" aria-hidden="true">
                      <Icon size={20} />
                    </ThemeIcon>
                    <Stack gap={0}>
                      <Text fw={600}>{t(item.label)}</Text>
                      <Text size="xs" c="gray.7">
                        {t(item.description ?? `home.describe.${item.key}`)}
                      </Text>
                    </Stack>
                  </Group>
                </Card>
              );
            })}
          </SimpleGrid>
        </section>
      ) : null}
    </Stack>
  );
}
