import { REFERRAL_UPDATED_EVENT } from '@madar/domain';
import { useEffect, useRef } from 'react';

/**
 * Live events from the server (`/api/v1/events`, server-sent events fed by PostgreSQL
 * LISTEN/NOTIFY, so whichever instance commits a change, every open page hears of it).
 *
 * The shell keeps one stream open per tab (`useLiveConnection`); features listen to the event types
 * they care about (`useLiveEvent`) and usually answer by invalidating their queries. Events carry
 * ids and codes only, never a child's identity.
 */
export type LiveEventData = Record<string, string | number | boolean | null>;
type Handler = (data: LiveEventData) => void;

/** Event types the server sends: a new notification, and a referral card that changed. */
export const LIVE_EVENT_TYPES = ['notification', REFERRAL_UPDATED_EVENT] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

const handlers = new Map<LiveEventType, Set<Handler>>();

function dispatch(type: LiveEventType, raw: string) {
  let data: LiveEventData;
  try {
    data = JSON.parse(raw) as LiveEventData;
  } catch {
    return;
  }
  for (const handler of handlers.get(type) ?? []) handler(data);
}

/** Opens the event stream while the signed-in shell is shown; the browser reconnects on its own. */
export function useLiveConnection(enabled: boolean): void {
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    const listeners = LIVE_EVENT_TYPES.map((type) => {
      const listener = (event: MessageEvent<string>) => dispatch(type, event.data);
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [enabled]);
}

/** Calls `handler` for every live event of `type` while the component is mounted. */
export function useLiveEvent(type: LiveEventType, handler: Handler): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const call: Handler = (data) => latest.current(data);
    let set = handlers.get(type);
    if (!set) {
      set = new Set();
      handlers.set(type, set);
    }
    set.add(call);
    return () => {
      set.delete(call);
    };
  }, [type]);
}
