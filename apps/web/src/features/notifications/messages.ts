import { type NotificationData, UNASSIGNED_WORKER } from '@madar/domain';
import {
  IconAlarm,
  IconAlertTriangle,
  IconArrowsExchange,
  IconBell,
  IconCircleCheck,
  IconCircleX,
  IconFileArrowRight,
  IconMessageCircle,
  IconProgress,
  type IconProps,
  IconTrendingUp,
  IconUserOff,
  IconUserQuestion,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';

/**
 * What a notification says and where it leads. A notification carries codes only (a card number, a
 * child's pseudonymous code, province codes): the sentence is built here, in the reader's language.
 */

type Data = NotificationData;

const text = (data: Data, key: string): string | null => {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** A positive whole number the notice carries (a count of cases, of days). */
const count = (data: Data, key: string): number | null => {
  const value = data[key];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
};

/** A Latin code inside Arabic text (`RC-TNG-2026-00012`): isolated, so its hyphens stay in order. */
const isolate = (value: string) => `\u2068${value}\u2069`;

/** Kinds about a referral card: they all name the card and the child's code. */
const REFERRAL_KINDS = new Set([
  'referral_received',
  'referral_acknowledged',
  'referral_answered',
  'referral_completed',
  'referral_declined',
  'referral_message',
  'referral_overdue',
  'referral_escalated',
  'referral_cancelled',
]);

/** The sentence of a notification. `territoryName` turns a province code into its name. */
export function notificationSentence(
  t: TFunction,
  kind: string,
  data: Data,
  territoryName: (code: string) => string,
): string {
  const child = isolate(text(data, 'childCode') ?? '—');
  if (REFERRAL_KINDS.has(kind)) {
    return t(`notifications.kind.${kind}`, { card: isolate(text(data, 'cardNumber') ?? '—'), child });
  }
  const from = text(data, 'fromTerritoryCode');
  const to = text(data, 'toTerritoryCode');
  if (kind === 'transfer_requested') {
    return from
      ? t('notifications.kind.transfer_requested', { child, from: territoryName(from) })
      : t('notifications.kind.transfer_requested_plain', { child });
  }
  if (kind === 'transfer_decided') {
    const accepted = text(data, 'status') === 'accepted';
    const suffix = accepted ? 'accepted' : 'declined';
    return to
      ? t(`notifications.kind.transfer_${suffix}`, { child, to: territoryName(to) })
      : t(`notifications.kind.transfer_${suffix}_plain`, { child });
  }
  if (kind === 'transfer_cancelled') {
    return from
      ? t('notifications.kind.transfer_cancelled', { child, from: territoryName(from) })
      : t('notifications.kind.transfer_cancelled_plain', { child });
  }
  if (kind === 'follow_up_overdue' || kind === 'follow_up_overdue_unassigned') {
    // One notice a day sums up the overdue follow-ups — a worker's own cases, or for a coordinator
    // the cases no worker holds: how many, and the longest delay.
    const overdue = count(data, 'overdue');
    const days = count(data, 'mostDaysOverdue');
    if (overdue === null || days === null) return t(`notifications.kind.${kind}_plain`);
    return t(`notifications.kind.${kind}`, {
      count: overdue,
      n: String(overdue),
      days: t('notifications.daysLate', { count: days, n: String(days) }),
    });
  }
  if (kind === 'cases_unassigned_on_deactivation' || kind === 'cases_unassigned_on_account_change') {
    // An account was deactivated, or moved to another province or role: its open cases came back to
    // the coordinator without a worker.
    const cases = count(data, 'cases');
    if (cases === null) return t(`notifications.kind.${kind}_plain`);
    return t(`notifications.kind.${kind}`, { count: cases, n: String(cases) });
  }
  return t('notifications.kind.other');
}

/** A path inside the application, never elsewhere (`//host` would leave it). */
const internal = (path: string | null) => (path?.startsWith('/') && !path.startsWith('//') ? path : null);

/** The coordinator's caseload of overdue follow-ups that no worker holds. */
const UNASSIGNED_OVERDUE_PATH = `/cases?view=overdue_follow_up&workerId=${UNASSIGNED_WORKER}&sort=next_follow_up`;
/** The coordinator's caseload of the cases no worker holds. */
const UNASSIGNED_PATH = `/cases?workerId=${UNASSIGNED_WORKER}`;

/**
 * Where a notification leads: the referral card, the transfers page, the worker's overdue
 * follow-ups in the caseload (the server's path names the worker's own id), the coordinator's
 * overdue follow-ups of cases without a worker, or the cases without a worker.
 */
export function notificationLink(kind: string, data: Data): string | null {
  if (kind === 'transfer_requested' || kind === 'transfer_cancelled') return '/transfers?direction=incoming';
  if (kind === 'transfer_decided') return '/transfers?direction=outgoing';
  const cardId = text(data, 'cardId');
  if (REFERRAL_KINDS.has(kind) && cardId) return `/referrals/${encodeURIComponent(cardId)}`;
  if (kind === 'follow_up_overdue') return internal(text(data, 'path')) ?? '/cases?view=overdue_follow_up';
  if (kind === 'follow_up_overdue_unassigned') return internal(text(data, 'path')) ?? UNASSIGNED_OVERDUE_PATH;
  if (kind === 'cases_unassigned_on_deactivation' || kind === 'cases_unassigned_on_account_change')
    return internal(text(data, 'path')) ?? UNASSIGNED_PATH;
  return internal(text(data, 'path'));
}

interface KindLook {
  icon: ComponentType<IconProps>;
  color: string;
}

const LOOKS: Record<string, KindLook> = {
  referral_received: { icon: IconFileArrowRight, color: 'blue' },
  referral_acknowledged: { icon: IconCircleCheck, color: 'teal' },
  referral_answered: { icon: IconProgress, color: 'indigo' },
  referral_completed: { icon: IconCircleCheck, color: 'teal' },
  referral_declined: { icon: IconCircleX, color: 'red' },
  referral_message: { icon: IconMessageCircle, color: 'blue' },
  referral_overdue: { icon: IconAlarm, color: 'orange' },
  referral_escalated: { icon: IconTrendingUp, color: 'red' },
  referral_cancelled: { icon: IconCircleX, color: 'gray' },
  transfer_requested: { icon: IconArrowsExchange, color: 'cyan' },
  transfer_decided: { icon: IconArrowsExchange, color: 'cyan' },
  transfer_cancelled: { icon: IconArrowsExchange, color: 'gray' },
  follow_up_overdue: { icon: IconAlertTriangle, color: 'orange' },
  follow_up_overdue_unassigned: { icon: IconUserQuestion, color: 'orange' },
  cases_unassigned_on_deactivation: { icon: IconUserOff, color: 'orange' },
  cases_unassigned_on_account_change: { icon: IconUserOff, color: 'orange' },
};

export function lookOf(kind: string): KindLook {
  return LOOKS[kind] ?? { icon: IconBell, color: 'gray' };
}
