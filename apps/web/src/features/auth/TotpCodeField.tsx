import { TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

export function validateTotpCode(value: string, t: (key: string) => string): string | null {
  return /^\d{6}$/.test(value.trim()) ? null : t('mfa.codeFormat');
}

/** The six-digit code of the authenticator application. */
export function TotpCodeField({ form }: { form: UseFormReturnType<{ code: string }> }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('mfa.code')}
      description={t('mfa.codeHelp')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      dir="ltr"
      required
      data-autofocus
      data-testid="totp-code-input"
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
      {...form.getInputProps('code')}
      onChange={(event) =>
        form.setFieldValue('code', event.currentTarget.value.replace(/\D/g, '').slice(0, 6))
      }
    />
  );
}
