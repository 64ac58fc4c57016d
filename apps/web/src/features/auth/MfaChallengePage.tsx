import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { AuthLayout } from './AuthLayout';
import { useMfaChallenge } from './api';
import { SignOutLink } from './SignOutLink';
import { TotpCodeField, validateTotpCode } from './TotpCodeField';

export function MfaChallengePage() {
  const { t } = useTranslation();
  const challenge = useMfaChallenge();
  const form = useForm({ initialValues: { code: '' }, validate: { code: (v) => validateTotpCode(v, t) } });
  return (
    <AuthLayout title={t('mfa.challengeTitle')} intro={t('mfa.challengeIntro')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          challenge.mutate(values.code.trim(), {
            onError: (error) => {
              form.setErrors(fieldErrorsOf(error));
              form.setFieldValue('code', '');
            },
          }),
        )}
      >
        <Stack gap="md">
          <ProblemAlert error={challenge.error} testId="totp-error" />
          <TotpCodeField form={form} />
          <Button type="submit" loading={challenge.isPending} data-testid="totp-submit" fullWidth>
            {t('mfa.verify')}
          </Button>
          <Group justify="center">
            <SignOutLink />
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
