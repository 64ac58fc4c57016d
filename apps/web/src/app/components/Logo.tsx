import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The mark and the name; `compact` hides the name on phones, where the header is crowded. */
export function Logo({ to = '/', compact = false }: { to?: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="madar-logo" aria-label={t('shell.homeLink')}>
      <Group gap={8} wrap="nowrap">
        <img src="/icon.svg" alt="" width={30} height={30} />
        <Text component="span" fw={700} size="lg" c="madar.8" visibleFrom={compact ? 'xs' : undefined}>
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  );
}
