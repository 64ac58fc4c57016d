import { Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from './AuthLayout';
import { SignOutLink } from './SignOutLink';
import { TotpEnrolment } from './TotpEnrolment';

/** Required enrolment: roles that can read a child's identity must use two-factor authentication. */
export function MfaEnrolmentPage() {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('mfa.enrolTitle')} intro={t('mfa.enrolRequiredIntro')}>
      <Stack gap="md">
        <TotpEnrolment />
        <Group justify="center">
          <SignOutLink />
        </Group>
      </Stack>
    </AuthLayout>
  );
}
