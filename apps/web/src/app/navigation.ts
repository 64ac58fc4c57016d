import { ADMIN_ROLES, hasAnyRole, ROLES, type Role } from '@madar/domain';
import {
  IconAddressBook,
  IconArrowsExchange,
  IconBuildingCommunity,
  IconEyeCheck,
  IconFilePlus,
  IconFolders,
  IconGauge,
  IconHome,
  IconHourglassHigh,
  IconInbox,
  IconListDetails,
  IconListSearch,
  IconMailForward,
  IconMap2,
  type IconProps,
  IconRoute,
  IconTransfer,
  IconUserSearch,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

/** Every role: for pages open to anyone signed in. */
const ALL: readonly Role[] = ROLES;

export type NavKey =
  | 'home'
  | 'caseload'
  | 'triage'
  | 'reportNew'
  | 'myReports'
  | 'childSearch'
  | 'users'
  | 'institutions'
  | 'serviceDirectory'
  | 'circuit'
  | 'territories'
  | 'audit'
  | 'accessLog'
  | 'instruments'
  | 'protocol'
  | 'transfers'
  | 'outbox'
  | 'referrals';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Translation key of the label. */
  label: string;
  /** Translation key of the line under the label on the home page (default `home.describe.<key>`). */
  description?: string;
  icon: ComponentType<IconProps>;
  /** Roles that may open the page (the navbar shows the item and the router lets them in). */
  roles: readonly Role[];
}

/** The navigation of the application, in one place: the navbar and the route guard both read it. */
export const NAVIGATION: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: IconHome, roles: ALL },
  // Intake and caseload: mirrors reportPolicy and casePolicy (apps/server/src/policies/cases.ts).
  {
    key: 'caseload',
    path: '/cases',
    label: 'caseload.nav',
    description: 'caseload.navDescribe',
    icon: IconFolders,
    roles: ['cape_coordinator', 'social_worker', 'information_officer'],
  },
  {
    key: 'triage',
    path: '/reports/triage',
    label: 'reports.nav.triage',
    description: 'reports.nav.triageDescribe',
    icon: IconInbox,
    roles: ['cape_coordinator', 'social_worker'],
  },
  {
    key: 'reportNew',
    path: '/reports/new',
    label: 'reports.nav.new',
    description: 'reports.nav.newDescribe',
    icon: IconFilePlus,
    roles: [
      'cape_coordinator',
      'social_worker',
      'information_officer',
      'partner_focal_point',
      'upe_reporter',
    ],
  },
  {
    key: 'myReports',
    path: '/reports/mine',
    label: 'reports.nav.mine',
    description: 'reports.nav.mineDescribe',
    icon: IconListDetails,
    roles: ['partner_focal_point', 'upe_reporter'],
  },
  {
    key: 'childSearch',
    path: '/children/search',
    label: 'children.nav.search',
    description: 'children.nav.searchDescribe',
    icon: IconUserSearch,
    roles: ['cape_coordinator', 'social_worker', 'information_officer'],
  },
  // Referral cards (بطاقة الربط): the partner's inbox and the CAPE's outbox (referralPolicy.listInbox
  // and listOutbox, apps/server/src/policies/referrals.ts).
  {
    key: 'referrals',
    path: '/referrals',
    label: 'referrals.nav',
    description: 'referrals.navDescribe',
    icon: IconArrowsExchange,
    roles: ['partner_focal_point', 'cape_coordinator', 'social_worker', 'information_officer'],
  },
  // Transfers between provinces: both ends are the CAPE coordinators' (transferPolicy,
  // apps/server/src/policies/transfers.ts).
  {
    key: 'transfers',
    path: '/transfers',
    label: 'transfers.nav',
    description: 'transfers.navDescribe',
    icon: IconTransfer,
    roles: ['cape_coordinator'],
  },
  // Reference documents of case work: the danger-assessment instrument (instrumentPolicy, read by all;
  // loading is for the national administrator inside the page) and the protocol (protocolPolicy, read).
  {
    key: 'instruments',
    path: '/instruments',
    label: 'instruments.nav',
    description: 'instruments.navDescribe',
    icon: IconGauge,
    roles: ['national_admin', 'cape_coordinator', 'social_worker', 'ministry_analyst'],
  },
  {
    key: 'protocol',
    path: '/protocol',
    label: 'protocol.nav',
    description: 'protocol.navDescribe',
    icon: IconRoute,
    roles: ['cape_coordinator', 'social_worker', 'information_officer', 'provincial_admin', 'national_admin'],
  },
  {
    key: 'users',
    path: '/users',
    label: 'nav.users',
    icon: IconUsers,
    roles: ['national_admin', 'provincial_admin'],
  },
  {
    key: 'institutions',
    path: '/institutions',
    label: 'institutions.nav',
    description: 'institutions.navDescribe',
    icon: IconBuildingCommunity,
    roles: ALL,
  },
  // The professional directory: the actor map's institutions with their contact points (every user).
  {
    key: 'serviceDirectory',
    path: '/service-directory',
    label: 'institutions.directory.nav',
    description: 'institutions.directory.navDescribe',
    icon: IconAddressBook,
    roles: ALL,
  },
  // Where children wait: mirrors circuitPolicy (apps/server/src/policies/referrals.ts); the page
  // itself keeps a territory's users to their own territory.
  {
    key: 'circuit',
    path: '/circuit',
    label: 'territories.circuit.nav',
    description: 'territories.circuit.navDescribe',
    icon: IconHourglassHigh,
    roles: [
      'national_admin',
      'ministry_analyst',
      'provincial_admin',
      'cape_coordinator',
      'social_worker',
      'information_officer',
      'technical_support_officer',
      'cppe_secretariat',
      'cppe_member',
    ],
  },
  { key: 'territories', path: '/territories', label: 'nav.territories', icon: IconMap2, roles: ALL },
  {
    key: 'audit',
    path: '/audit',
    label: 'nav.audit',
    icon: IconListSearch,
    roles: ['national_admin', 'dp_auditor'],
  },
  // Law 09-08: who viewed which child's data (accessLogPolicy, apps/server/src/policies/access-log.ts).
  {
    key: 'accessLog',
    path: '/access-log',
    label: 'accessLog.nav',
    description: 'accessLog.navDescribe',
    icon: IconEyeCheck,
    roles: ['dp_auditor', 'cape_coordinator'],
  },
  // The e-mail outbox: the administrators, of their province or of all (outboxPolicy,
  // apps/server/src/policies/notifications.ts).
  {
    key: 'outbox',
    path: '/outbox',
    label: 'notifications.outbox.nav',
    description: 'notifications.outbox.navDescribe',
    icon: IconMailForward,
    roles: ['national_admin', 'provincial_admin'],
  },
];

/** Actions reserved to administrators inside pages every role can see. */
export const EDIT_PERMISSIONS = {
  institutions: ADMIN_ROLES,
  communes: ADMIN_ROLES,
} as const satisfies Record<string, readonly Role[]>;

export function navItem(key: NavKey): NavItem {
  const item = NAVIGATION.find((i) => i.key === key);
  if (!item) throw new Error(`Unknown navigation item ${key}`);
  return item;
}

export function canOpen(key: NavKey, roles: readonly Role[]): boolean {
  return hasAnyRole(roles, navItem(key).roles);
}

export function visibleNavigation(roles: readonly Role[]): NavItem[] {
  return NAVIGATION.filter((item) => hasAnyRole(roles, item.roles));
}

export function canEdit(what: keyof typeof EDIT_PERMISSIONS, roles: readonly Role[]): boolean {
  return hasAnyRole(roles, EDIT_PERMISSIONS[what]);
}
