import { ADMIN_ROLES, hasAnyRole, ROLES, type Role } from '@madar/domain';
import {
  IconBuildingCommunity,
  IconHome,
  IconListSearch,
  IconMap2,
  type IconProps,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

/** Every role: for pages open to anyone signed in. */
const ALL: readonly Role[] = ROLES;

export type NavKey = 'home' | 'users' | 'institutions' | 'territories' | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Translation key of the label. */
  label: string;
  icon: ComponentType<IconProps>;
  /** Roles that may open the page (the navbar shows the item and the router lets them in). */
  roles: readonly Role[];
}

/** The navigation of the application, in one place: the navbar and the route guard both read it. */
export const NAVIGATION: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: IconHome, roles: ALL },
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
    label: 'nav.institutions',
    icon: IconBuildingCommunity,
    roles: ALL,
  },
  { key: 'territories', path: '/territories', label: 'nav.territories', icon: IconMap2, roles: ALL },
  {
    key: 'audit',
    path: '/audit',
    label: 'nav.audit',
    icon: IconListSearch,
    roles: ['national_admin', 'dp_auditor'],
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
