import type { Language } from '@madar/domain';
import { Anchor, Box, Button, Group, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useReferenceNames } from '../../app/reference';
import type { NotificationItem } from './api';
import { lookOf, notificationLink, notificationSentence } from './messages';
import classes from './notifications.module.css';

/** The sentence of a notification, its provinces named in the interface language. */
export function useNotificationSentence() {
  const { t } = useTranslation();
  const names = useReferenceNames();
  return (kind: string, data: NotificationItem['data']) =>
    notificationSentence(t, kind, data, (code) => names.territory(code));
}

/**
 * One notification: its sentence (a link to what it is about), when, and whether it is read.
 * Opening it marks it read; `onMarkRead` adds a button for that alone (the full page).
 */
export function NotificationRow({
  item,
  onOpen,
  onMarkRead,
  markingRead = false,
}: {
  item: NotificationItem;
  onOpen: (item: NotificationItem) => void;
  onMarkRead?: (item: NotificationItem) => void;
  markingRead?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const sentence = useNotificationSentence()(item.kind, item.data);
  const link = notificationLink(item.kind, item.data);
  const look = lookOf(item.kind);
  const Icon = look.icon;
  const unread = item.readAt === null;
  return (
    <Box
      component="li"
      className={classes.row}
      data-unread={unread || undefined}
      data-testid="notification-item"
      data-kind={item.kind}
      data-read={unread ? 'false' : 'true'}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={look.color} radius="xl" size="md" aria-hidden="true">
          <Icon size={16} />
        </ThemeIcon>
        <Box style={{ flex: 1, minWidth: 0 }}>
          {unread ? <VisuallyHidden>{t('notifications.unreadMark')}</VisuallyHidden> : null}
          {link ? (
            <Anchor
              component={Link}
              to={link}
              onClick={() => onOpen(item)}
              size="sm"
              fw={unread ? 700 : 400}
              c="dark.8"
              className={classes.sentence}
              data-testid="notification-link"
            >
              {sentence}
            </Anchor>
          ) : (
            <Text size="sm" fw={unread ? 700 : 400} className={classes.sentence}>
              {sentence}
            </Text>
          )}
          <Text size="xs" c="gray.7" mt={2}>
            <span className="madar-mono">{formatDateTime(item.createdAt, i18n.language as Language)}</span>
          </Text>
        </Box>
        {unread ? <span className={classes.dot} aria-hidden="true" /> : null}
      </Group>
      {onMarkRead && unread ? (
        <Group justify="flex-end" mt={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconCheck size={14} aria-hidden="true" />}
            onClick={() => onMarkRead(item)}
            loading={markingRead}
            data-testid="notification-mark-read"
          >
            {t('notifications.markRead')}
          </Button>
        </Group>
      ) : null}
    </Box>
  );
}
