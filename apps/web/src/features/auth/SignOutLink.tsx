import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLogout } from './api';

/** Leaves a half-finished sign-in. */
export function SignOutLink() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Button
      variant="subtle"
      size="sm"
      loading={logout.isPending}
      onClick={() => logout.mutate()}
      data-testid="logout"
    >
      {t('login.cancel')}
    </Button>
  );
}
