import type { Language } from '@madar/domain';
import { Button, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useMarkAllRead, useMarkRead, useNotifications } from './api';
import { NotificationRow } from './NotificationRow';
import classes from './notifications.module.css';

const LIMIT = 25;

/** The notification centre (/notifications): every notice of the signed-in user, newest first. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useNotifications({ unread: unreadOnly, limit: LIMIT, offset });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;
  const total = list.data?.total;
  // Marking the last unread ones of a page read empties it: step back to a page that has some.
  useEffect(() => {
    if (total !== undefined && offset > 0 && offset >= total)
      setOffset(Math.max(0, (Math.ceil(total / LIMIT) - 1) * LIMIT));
  }, [total, offset]);
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.purpose')}
        actions={
          <Button
            variant="light"
            leftSection={<IconChecks size={16} aria-hidden="true" />}
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            disabled={unread === 0}
            data-testid="notifications-mark-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Stack gap="sm">
        <Text size="sm" aria-live="polite" data-testid="notifications-unread-count">
          {unread > 0
            ? t('notifications.unreadCount', { count: unread, n: formatNumber(unread, language) })
            : t('notifications.allRead')}
        </Text>
        <SegmentedControl
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => {
            setUnreadOnly(value === 'unread');
            setOffset(0);
          }}
          data={[
            { value: 'all', label: t('notifications.filterAll') },
            { value: 'unread', label: t('notifications.filterUnread') },
          ]}
          aria-label={t('notifications.filterLabel')}
          style={{ alignSelf: 'flex-start' }}
          data-testid="notifications-filter"
        />
        <ProblemAlert
          error={list.error ?? markRead.error ?? markAll.error}
          onRetry={() => void list.refetch()}
        />
        {list.isPending ? (
          <Loading />
        ) : (
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            {items.length === 0 ? (
              <Text ta="center" c="gray.7" py="lg" size="sm" data-testid="notifications-empty">
                {unreadOnly ? t('notifications.noUnread') : t('notifications.empty')}
              </Text>
            ) : (
              <ul
                className={classes.list}
                aria-label={t('notifications.title')}
                data-testid="notifications-list"
              >
                {items.map((item) => (
                  <NotificationRow
                    key={item.id}
                    item={item}
                    onOpen={(n) => {
                      if (n.readAt === null) markRead.mutate(n.id);
                    }}
                    onMarkRead={(n) => markRead.mutate(n.id)}
                    markingRead={markRead.isPending && markRead.variables === item.id}
                  />
                ))}
              </ul>
            )}
          </Paper>
        )}
        {list.data ? (
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        ) : null}
      </Stack>
    </>
  );
}
