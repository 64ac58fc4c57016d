import type { User } from '@madar/domain';
import { Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconKey, IconLockOpen, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { currentLanguage } from '../../i18n';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useResetPassword, useUnlockUser, useUpdateUser, useUser } from './api';
import { isLocked, RoleBadges, UserStatusBadges } from './labels';
import { OpenCasesNotice } from './OpenCasesNotice';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';
import { UserForm } from './UserForm';

type Confirming = 'reset' | 'deactivate' | 'reactivate' | null;

function AccountActions({ user }: { user: User }) {
  const { t } = useTranslation();
  const { user: me } = useCurrentSession();
  const reset = useResetPassword();
  const unlock = useUnlockUser();
  const update = useUpdateUser();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const language = currentLanguage();
  const error = reset.error ?? unlock.error ?? update.error;

  const setActive = (active: boolean) =>
    update.mutate(
      {
        id: user.id,
        body: {
          fullName: user.fullName,
          email: user.email,
          phone: user.phone,
          institutionId: user.institutionId,
          territoryCode: user.territoryCode,
          roles: user.roles,
          preferredLanguage: user.preferredLanguage,
          active,
          version: user.version,
        },
      },
      {
        onSuccess: () => {
          setConfirming(null);
          notifications.show({
            color: 'teal',
            message: active ? t('users.reactivated') : t('users.deactivated'),
          });
        },
        onError: () => setConfirming(null),
      },
    );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="account-actions-title">
      <Title order={2} size="h4" mb="sm" id="account-actions-title">
        {t('users.account')}
      </Title>
      <Stack gap="sm">
        <UserStatusBadges user={user} />
        <Text size="sm">
          {t('users.lastLogin')}:{' '}
          {user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('users.never')}
        </Text>
        {isLocked(user) ? (
          <Text size="sm" c="red.8">
            {t('users.lockedUntil', { date: formatDateTime(user.lockedUntil, language) })}
          </Text>
        ) : null}
        <Text size="sm" c="gray.7">
          {t('users.createdAt')}: {formatDateTime(user.createdAt, language)}
        </Text>
        <ProblemAlert error={error} />
        <Group gap="xs">
          <Button
            variant="light"
            leftSection={<IconKey size={16} aria-hidden="true" />}
            onClick={() => setConfirming('reset')}
            data-testid="user-reset-password"
          >
            {t('users.resetPassword')}
          </Button>
          {isLocked(user) ? (
            <Button
              variant="light"
              color="orange"
              leftSection={<IconLockOpen size={16} aria-hidden="true" />}
              loading={unlock.isPending}
              onClick={() =>
                unlock.mutate(user.id, {
                  onSuccess: () => notifications.show({ color: 'teal', message: t('users.unlocked') }),
                })
              }
              data-testid="user-unlock"
            >
              {t('users.unlock')}
            </Button>
          ) : null}
          {user.active ? (
            <Button
              variant="light"
              color="red"
              leftSection={<IconUserOff size={16} aria-hidden="true" />}
              disabled={user.id === me.id}
              onClick={() => setConfirming('deactivate')}
              data-testid="user-deactivate"
            >
              {t('users.deactivate')}
            </Button>
          ) : (
            <Button
              variant="light"
              color="teal"
              leftSection={<IconUserCheck size={16} aria-hidden="true" />}
              onClick={() => setConfirming('reactivate')}
              data-testid="user-reactivate"
            >
              {t('users.reactivate')}
            </Button>
          )}
        </Group>
      </Stack>

      <AppModal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={
          confirming === 'reset'
            ? t('users.resetPassword')
            : confirming === 'deactivate'
              ? t('users.deactivate')
              : t('users.reactivate')
        }
        centered
      >
        <Stack>
          <Text size="sm">
            {confirming === 'reset'
              ? t('users.resetPasswordConfirm', { name: user.fullName })
              : confirming === 'deactivate'
                ? t('users.deactivateConfirm', { name: user.fullName })
                : t('users.reactivateConfirm', { name: user.fullName })}
          </Text>
          {confirming === 'deactivate' ? <OpenCasesNotice userId={user.id} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={confirming === 'deactivate' ? 'red.8' : undefined}
              loading={reset.isPending || update.isPending}
              data-testid="confirm-action"
              onClick={() => {
                if (confirming === 'reset') {
                  reset.mutate(user.id, {
                    onSuccess: (result) => {
                      setConfirming(null);
                      setTemporary(result.temporaryPassword);
                    },
                    onError: () => setConfirming(null),
                  });
                } else {
                  setActive(confirming === 'reactivate');
                }
              }}
            >
              {t('common.confirm')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
      <TemporaryPasswordModal password={temporary} login={user.login} onClose={() => setTemporary(null)} />
    </Paper>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useUser(id);

  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (!query.data) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const user = query.data;

  return (
    <>
      <Anchor
        component={Link}
        to="/users"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowBackUp size={16} aria-hidden="true" />
        {t('users.backToList')}
      </Anchor>
      <PageHeader title={user.fullName} subtitle={user.login} />
      <Group mb="md">
        <RoleBadges roles={user.roles} />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="user-edit-title">
            <Title order={2} size="h4" mb="sm" id="user-edit-title">
              {t('users.edit')}
            </Title>
            {/* Remount on each saved version so the form starts from the server's copy. */}
            <UserForm
              key={user.version}
              user={user}
              onSaved={() => notifications.show({ color: 'teal', message: t('common.saved') })}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <AccountActions user={user} />
        </Grid.Col>
      </Grid>
    </>
  );
}
