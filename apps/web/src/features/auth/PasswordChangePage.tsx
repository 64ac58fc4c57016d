import { Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/queries';
import { AuthLayout } from './AuthLayout';
import { PasswordChangeForm } from './PasswordChangeForm';
import { SignOutLink } from './SignOutLink';

/** Forced at first sign-in (or after an administrator's reset): the temporary password must go. */
export function PasswordChangePage() {
  const { t } = useTranslation();
  const { data } = useSession();
  return (
    <AuthLayout title={t('password.forcedTitle')} intro={t('password.forcedIntro')}>
      <Stack gap="md">
        <PasswordChangeForm
          login={data?.user.login ?? ''}
          currentLabel={t('password.temporary')}
          submitLabel={t('password.submitAndContinue')}
        />
        <Group justify="center">
          <SignOutLink />
        </Group>
      </Stack>
    </AuthLayout>
  );
}
