import type { ReferralStatus } from '@madar/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlarm, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<ReferralStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  received: 'cyan',
  in_progress: 'indigo',
  completed: 'teal.9',
  declined: 'red.9',
  cancelled: 'dark',
};

export function ReferralStatusBadge({
  status,
  size = 'md',
}: {
  status: ReferralStatus;
  size?: BadgeProps['size'];
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === 'completed' || status === 'declined' ? 'filled' : 'light'}
      size={size}
      tt="none"
      data-testid="referral-status"
      data-status={status}
    >
      {t(`referrals.status.${status}`)}
    </Badge>
  );
}

/** Overdue is said in a word and an icon, never colour alone. */
export function OverdueBadge({ size = 'md' }: { size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="red.9"
      variant="filled"
      size={size}
      tt="none"
      leftSection={<IconAlarm size={12} aria-hidden="true" />}
      data-testid="referral-overdue"
    >
      {t('referrals.overdue')}
    </Badge>
  );
}

export function EscalatedBadge({ size = 'md' }: { size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="orange.9"
      variant="outline"
      size={size}
      tt="none"
      leftSection={<IconArrowUpRight size={12} aria-hidden="true" />}
      data-testid="referral-escalated"
    >
      {t('referrals.escalated')}
    </Badge>
  );
}
