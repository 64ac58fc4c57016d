import type { User } from '@madar/domain';
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function isLocked(user: Pick<User, 'lockedUntil'>): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

export function UserStatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={user.active ? 'teal' : 'gray'} variant="light">
        {user.active ? t('common.active') : t('common.inactive')}
      </Badge>
      {isLocked(user) ? (
        <Badge color="red" variant="light">
          {t('users.locked')}
        </Badge>
      ) : null}
      {user.totpEnabled ? (
        <Badge color="blue" variant="light">
          {t('users.twoFactor')}
        </Badge>
      ) : null}
      {user.mustChangePassword ? (
        <Badge color="orange" variant="light">
          {t('users.mustChangePassword')}
        </Badge>
      ) : null}
    </Group>
  );
}

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="outline" color="madar" tt="none" fw={500}>
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
