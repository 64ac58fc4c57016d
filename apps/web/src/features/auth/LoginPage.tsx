import { Accordion, Button, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { PasswordField } from '../../app/components/PasswordField';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { destinationOf } from '../../app/guards';
import { useConfig, useSession } from '../../app/queries';
import { AuthLayout } from './AuthLayout';
import { useLogin } from './api';

function DemoAccounts({ onPick }: { onPick: (login: string, password: string) => void }) {
  const { t } = useTranslation();
  const config = useConfig();
  const accounts = config.data?.demo ? (config.data.demoAccounts ?? []) : [];
  if (accounts.length === 0) return null;
  return (
    <Accordion variant="contained" data-testid="demo-accounts">
      <Accordion.Item value="demo">
        <Accordion.Control>{t('login.demoAccounts')}</Accordion.Control>
        <Accordion.Panel>
          <Text size="xs" c="gray.7" mb="xs">
            {t('login.demoAccountsHelp')}
          </Text>
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <Stack gap={4}>
              {accounts.map((account) => (
                <UnstyledButton
                  key={account.login}
                  onClick={() => onPick(account.login, account.password)}
                  data-testid={`demo-account-${account.login}`}
                  p={6}
                  style={{ borderRadius: 6, border: '1px solid var(--mantine-color-gray-3)' }}
                >
                  <Text size="sm" fw={600} className="madar-mono" component="span">
                    {account.login}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {t(`roles.${account.role}`)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const login = useLogin();
  const form = useForm({
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });

  if (session.data) {
    return <Navigate to={destinationOf(session.data, location.state)} replace state={location.state} />;
  }

  return (
    <AuthLayout
      title={t('login.title')}
      intro={
        <>
          {t('login.intro')}{' '}
          <a href="/directory" data-testid="login-directory-link">
            {t('directory.loginLink')}
          </a>
        </>
      }
      footer={
        <DemoAccounts
          onPick={(l, p) => {
            form.setValues({ login: l, password: p });
            login.reset();
          }}
        />
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          login.mutate({ login: values.login.trim(), password: values.password }),
        )}
        aria-describedby="login-error-region"
      >
        <Stack gap="md">
          <div id="login-error-region">
            <ProblemAlert error={login.error} testId="login-error" />
          </div>
          <TextInput
            label={t('login.login')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            required
            data-testid="login-input"
            {...form.getInputProps('login')}
          />
          <PasswordField
            label={t('login.password')}
            autoComplete="current-password"
            dir="ltr"
            required
            data-testid="password-input"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} data-testid="login-submit" fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
