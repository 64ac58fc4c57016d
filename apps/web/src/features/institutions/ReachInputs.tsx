import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** How to reach an institution or one of its contact points: the same two fields in both forms. */

export function PhoneInput(props: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('institutions.phone')}
      description={t('institutions.form.phoneHelp')}
      type="tel"
      dir="ltr"
      autoComplete="off"
      {...props}
    />
  );
}

export function EmailInput(props: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('institutions.email')}
      type="email"
      dir="ltr"
      autoComplete="off"
      maxLength={200}
      {...props}
    />
  );
}
