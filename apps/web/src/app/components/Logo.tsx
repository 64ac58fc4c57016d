import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Logo({ to = '/' }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="madar-logo" aria-label={t('shell.homeLink')}>
      <Group gap={8} wrap="nowrap">
        <img src="/icon.svg" alt="" width={30} height={30} />
        <Text component="span" fw={700} size="lg" c="madar.8">
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  );
}
