import { checkPassword, PASSWORD_MIN_LENGTH } from '@madar/domain';
import { Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useChangePassword } from './api';

interface PasswordChangeFormProps {
  login: string;
  /** Label of the first field: the temporary password at first sign-in, the current one otherwise. */
  currentLabel?: string;
  submitLabel?: string;
  onDone?: () => void;
}

export function PasswordChangeForm({ login, currentLabel, submitLabel, onDone }: PasswordChangeFormProps) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmation: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      newPassword: (v, values) => {
        if (!v) return t('validation.required');
        const problems = checkPassword(v, { login });
        if (problems.length > 0)
          return problems.map((p) => t(`password.${p}`, { min: PASSWORD_MIN_LENGTH })).join(' ');
        if (v === values.currentPassword) return t('password.same_as_current');
        return null;
      },
      confirmation: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        change.mutate(
          { currentPassword: values.currentPassword, newPassword: values.newPassword },
          {
            onSuccess: () => {
              form.reset();
              onDone?.();
            },
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          },
        ),
      )}
    >
      <Stack gap="sm">
        <ProblemAlert error={change.error} testId="password-change-error" />
        <PasswordField
          label={currentLabel ?? t('password.current')}
          autoComplete="current-password"
          required
          data-testid="current-password-input"
          {...form.getInputProps('currentPassword')}
        />
        <PasswordField
          label={t('password.new')}
          description={t('password.rules', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          data-testid="new-password-input"
          {...form.getInputProps('newPassword')}
        />
        <PasswordField
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          data-testid="confirm-password-input"
          {...form.getInputProps('confirmation')}
        />
        <Text size="xs" c="gray.7">
          {t('password.hint')}
        </Text>
        <Button type="submit" loading={change.isPending} data-testid="password-change-submit">
          {submitLabel ?? t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
