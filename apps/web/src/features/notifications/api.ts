import { notificationListSchema, okSchema, outboxEntrySchema, pageOf } from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api';
import { useLiveEvent } from '../../app/live';

export type NotificationItem = z.infer<typeof notificationListSchema>['items'][number];
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Every notification query lives under `['notifications']`: one invalidation refreshes the bell and the page. */
export const notificationKeys = {
  all: ['notifications'] as const,
  recent: ['notifications', 'recent'] as const,
  page: (filters: NotificationFilters) => ['notifications', 'page', filters] as const,
  outbox: (filters: OutboxFilters) => ['outbox', filters] as const,
};

/** How many the bell's panel shows; the page lists the rest. */
export const RECENT_LIMIT = 8;

/** The newest notifications and the unread count (the bell). */
export function useRecentNotifications() {
  return useQuery({
    queryKey: notificationKeys.recent,
    queryFn: ({ signal }) =>
      apiFetch('/notifications', notificationListSchema, { query: { limit: RECENT_LIMIT }, signal }),
    // The live stream says when something new arrives; this only covers a stream that was down.
    refetchInterval: 5 * 60_000,
  });
}

export interface NotificationFilters {
  unread: boolean;
  limit: number;
  offset: number;
}

export function useNotifications(filters: NotificationFilters) {
  return useQuery({
    queryKey: notificationKeys.page(filters),
    queryFn: ({ signal }) =>
      apiFetch('/notifications', notificationListSchema, {
        query: { unread: filters.unread ? 'true' : undefined, limit: filters.limit, offset: filters.offset },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/notifications/${id}/read`, okSchema, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch('/notifications/read-all', okSchema, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/**
 * A new notification, heard on the shell's event stream: the bell and the notification page fetch
 * again, so the count changes without reloading. Mounted once, by the bell.
 */
export function useNotificationsLive() {
  const client = useQueryClient();
  useLiveEvent('notification', () => {
    void client.invalidateQueries({ queryKey: notificationKeys.all });
  });
}

export interface OutboxFilters {
  territoryCode?: string;
  limit: number;
  offset: number;
}

const outboxPageSchema = pageOf(outboxEntrySchema);

export function useOutbox(filters: OutboxFilters) {
  return useQuery({
    queryKey: notificationKeys.outbox(filters),
    queryFn: ({ signal }) => apiFetch('/outbox', outboxPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
