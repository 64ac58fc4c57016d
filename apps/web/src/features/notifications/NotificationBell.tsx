import type { Language } from '@madar/domain';
import { ActionIcon, Anchor, Box, Button, Group, Indicator, Popover, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useLiveEvent } from '../../app/live';
import { useMarkAllRead, useMarkRead, useNotificationsLive, useRecentNotifications } from './api';
import { NotificationRow, useNotificationSentence } from './NotificationRow';
import classes from './notifications.module.css';

/** A count on a small badge: past 99 it says 99+. */
function badgeText(count: number, language: Language): string {
  return count > 99 ? `${formatNumber(99, language)}+` : formatNumber(count, language);
}

/**
 * The bell in the header: the unread count (in its accessible name too), and a panel of the newest
 * notifications. It also listens to the shell's event stream, so the count rises as notices arrive,
 * and says a new one briefly.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [opened, { toggle, close }] = useDisclosure(false);
  const recent = useRecentNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const sentence = useNotificationSentence();
  const titleId = useId();
  useNotificationsLive();
  useLiveEvent('notification', (data) => {
    if (typeof data.kind !== 'string') return;
    const { kind, ...rest } = data;
    toasts.show({ color: 'madar', message: sentence(kind, rest), autoClose: 6000 });
  });

  const unread = recent.data?.unread ?? 0;
  const items = recent.data?.items ?? [];
  const label =
    unread > 0
      ? t('notifications.bellUnread', { count: unread, n: formatNumber(unread, language) })
      : t('notifications.bell');

  return (
    // The count sits on the bell but is not read out: the button's name already says it.
    <Indicator
      label={<span aria-hidden="true">{badgeText(unread, language)}</span>}
      disabled={unread === 0}
      size={18}
      offset={6}
      color="red.8"
      inline
      zIndex={2}
      styles={{ indicator: { fontWeight: 700, fontSize: 11, pointerEvents: 'none' } }}
    >
      <Popover
        opened={opened}
        onDismiss={close}
        position="bottom-end"
        withArrow
        shadow="md"
        withinPortal={false}
        returnFocus
        width="min(380px, calc(100vw - 16px))"
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray.8"
            size="lg"
            radius="xl"
            onClick={toggle}
            aria-label={label}
            data-testid="notification-bell"
            data-unread={unread}
          >
            <IconBell size={22} stroke={1.6} aria-hidden="true" />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown
          className={classes.panel}
          aria-labelledby={titleId}
          data-testid="notification-panel"
        >
          <Group justify="space-between" px="sm" py={8} gap="xs" wrap="nowrap">
            <Text fw={700} size="sm" id={titleId} component="h2" m={0}>
              {t('notifications.title')}
            </Text>
            {unread > 0 ? (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconChecks size={14} aria-hidden="true" />}
                onClick={() => markAll.mutate()}
                loading={markAll.isPending}
                data-testid="notification-mark-all"
              >
                {t('notifications.markAllRead')}
              </Button>
            ) : null}
          </Group>
          <ProblemAlert error={recent.error ?? markAll.error ?? markRead.error} />
          <Box className={classes.panelList}>
            {items.length === 0 && !recent.isPending ? (
              <Text size="sm" c="gray.7" ta="center" py="md" px="sm">
                {t('notifications.empty')}
              </Text>
            ) : (
              <ul className={classes.list} aria-labelledby={titleId}>
                {items.map((item) => (
                  <NotificationRow
                    key={item.id}
                    item={item}
                    onOpen={(n) => {
                      if (n.readAt === null) markRead.mutate(n.id);
                      close();
                    }}
                  />
                ))}
              </ul>
            )}
          </Box>
          <Box px="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Anchor
              component={Link}
              to="/notifications"
              size="sm"
              onClick={close}
              data-testid="notification-all"
            >
              {t('notifications.seeAll')}
            </Anchor>
          </Box>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
