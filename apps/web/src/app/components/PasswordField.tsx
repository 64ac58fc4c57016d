import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A password input whose show/hide button has a name for screen readers. */
export function PasswordField(props: PasswordInputProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      dir="ltr"
      visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
      {...props}
    />
  );
}
