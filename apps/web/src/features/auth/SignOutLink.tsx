import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from './api';

/** Leaves a half-finished sign-in. */
export function SignOutLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Button
      variant="subtle"
      size="sm"
      loading={logout.isPending}
      onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
      data-testid="logout"
    >
      {t('login.cancel')}
    </Button>
  );
}
