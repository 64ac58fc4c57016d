import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconUrgent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportStatus, Urgency } from './api';

/** Urgency is said three ways at once: colour, icon and word (never colour alone). */
export const URGENCY_STYLE: Record<Urgency, { color: string; icon: typeof IconUrgent; variant: string }> = {
  immediate: { color: 'red', icon: IconUrgent, variant: 'filled' },
  urgent: { color: 'orange', icon: IconAlertTriangle, variant: 'light' },
  normal: { color: 'gray', icon: IconClock, variant: 'light' },
};

export function UrgencyBadge({ urgency, size = 'md' }: { urgency: Urgency; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const style = URGENCY_STYLE[urgency];
  const Icon = style.icon;
  return (
    <Badge
      color={urgency === 'immediate' ? 'red.8' : style.color}
      variant={style.variant}
      size={size}
      tt="none"
      leftSection={<Icon size={14} aria-hidden="true" />}
      data-testid={`urgency-${urgency}`}
    >
      {t(`reports.urgency.${urgency}`)}
    </Badge>
  );
}

const STATUS_COLORS: Record<ReportStatus, string> = { new: 'blue', triaged: 'teal', closed: 'gray' };

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" data-testid={`report-status-${status}`}>
      {t(`reports.status.${status}`)}
    </Badge>
  );
}
