import {
  Anchor,
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  NavLink as MantineNavLink,
  Menu,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useIdle } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { DEMO_BANNER_HEIGHT, DemoBanner, useIsDemo } from './components/DemoBanner';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { Loading } from './components/Loading';
import { Logo } from './components/Logo';
import { useLiveConnection } from './live';
import { visibleNavigation } from './navigation';
import { queryKeys, useCurrentSession } from './queries';

const HEADER_HEIGHT = 60;

function UserMenu() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Menu
      position="bottom-end"
      withArrow
      shadow="md"
      width={220}
      withinPortal={false}
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <UnstyledButton
          data-testid="user-menu"
          aria-label={t('shell.userMenu', { name: user.fullName })}
          title={user.fullName}
          className="madar-user-button"
        >
          <Group gap={6} wrap="nowrap">
            <Avatar size={32} radius="xl" color="madar" aria-hidden="true" />
            <Text size="sm" fw={500} visibleFrom="md" truncate="end" maw={160}>
              {user.fullName}
            </Text>
            {/* On a phone the header also holds the notification bell: the avatar alone opens the menu. */}
            <Box component="span" visibleFrom="xs" lh={0}>
              <IconChevronDown size={14} aria-hidden="true" />
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconUserCircle size={16} aria-hidden="true" />}
          onClick={() => navigate('/profile')}
          data-testid="menu-profile"
        >
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden="true" />}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** After the server's idle timeout, ask the server again: an expired session leads back to sign-in. */
function useIdleCheck(idleTimeoutSeconds: number) {
  const client = useQueryClient();
  const idle = useIdle(Math.max(60, idleTimeoutSeconds) * 1000 + 5_000, { initialState: false });
  useEffect(() => {
    if (idle) void client.invalidateQueries({ queryKey: queryKeys.session });
  }, [idle, client]);
}

export function Shell() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const demo = useIsDemo();
  useIdleCheck(session.idleTimeoutSeconds);
  useLiveConnection(true);

  // On phones the navbar covers the page: close it once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => {
    close();
  }, [location.pathname, close]);

  const headerHeight = HEADER_HEIGHT + (demo ? DEMO_BANNER_HEIGHT : 0);
  const items = visibleNavigation(session.user.roles);

  return (
    <AppShell
      header={{ height: headerHeight }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Anchor href="#main" className="madar-skip-link">
          {t('shell.skipToContent')}
        </Anchor>
        <DemoBanner />
        <Group h={HEADER_HEIGHT} px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeNavigation') : t('shell.openNavigation')}
              aria-expanded={opened}
              aria-controls="app-navbar"
            />
            <Logo compact />
          </Group>
          <Group gap={6} wrap="nowrap">
            <LanguageSwitcher compact />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="xs"
        id="app-navbar"
        component="nav"
        aria-label={t('shell.mainNavigation')}
        data-testid="app-nav"
      >
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => {
            const Icon = item.icon;
            return (
              <MantineNavLink
                key={item.key}
                component={NavLink}
                to={item.path}
                end={item.path === '/'}
                label={t(item.label)}
                leftSection={<Icon size={20} stroke={1.6} aria-hidden="true" />}
                data-testid={`nav-${item.key}`}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Box px="sm" py="xs">
            <Text size="xs" c="gray.7">
              {t('app.tagline')}
            </Text>
          </Box>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
