import { LANGUAGES, type Language } from '@madar/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { PageHeader } from '../../app/components/PageHeader';
import { PasswordField } from '../../app/components/PasswordField';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useChangeLanguage } from '../../app/language';
import { useCurrentSession } from '../../app/queries';
import { useDisableMfa, useLogoutEverywhere } from './api';
import { PasswordChangeForm } from './PasswordChangeForm';
import { TotpEnrolment } from './TotpEnrolment';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = `section-${testId ?? title}`;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" mb="sm" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function LanguageSection() {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Section title={t('profile.language')} testId="profile-language">
      <Text size="sm" c="gray.7" mb="xs" id="profile-language-help">
        {t('profile.languageHelp')}
      </Text>
      <SegmentedControl
        aria-describedby="profile-language-help"
        value={i18n.language}
        onChange={(value) => void changeLanguage(value as Language)}
        data={LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
      />
    </Section>
  );
}

function TwoFactorSection() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [enrolling, setEnrolling] = useState(false);
  const disable = useDisableMfa();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (v) => (v ? null : t('validation.required')) },
  });

  return (
    <Section title={t('profile.twoFactor')} testId="profile-2fa">
      <Stack gap="sm">
        <Group gap="xs">
          {user.totpEnabled ? (
            <Badge
              color="teal"
              variant="light"
              leftSection={<IconShieldCheck size={14} aria-hidden="true" />}
            >
              {t('profile.twoFactorOn')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" leftSection={<IconShieldOff size={14} aria-hidden="true" />}>
              {t('profile.twoFactorOff')}
            </Badge>
          )}
          {user.totpRequired ? (
            <Badge color="orange" variant="light">
              {t('profile.twoFactorRequired')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="gray.7">
          {t('profile.twoFactorHelp')}
        </Text>

        {!user.totpEnabled && !enrolling ? (
          <Group>
            <Button onClick={() => setEnrolling(true)} data-testid="totp-enable">
              {t('profile.enableTwoFactor')}
            </Button>
          </Group>
        ) : null}
        {!user.totpEnabled && enrolling ? (
          <TotpEnrolment
            onDone={() => {
              setEnrolling(false);
              notifications.show({ color: 'teal', message: t('profile.twoFactorEnabled') });
            }}
          />
        ) : null}

        {user.totpEnabled && user.totpRequired ? (
          <Alert color="blue" variant="light" role="note">
            <Text size="sm">{t('profile.twoFactorCannotDisable')}</Text>
          </Alert>
        ) : null}
        {user.totpEnabled && !user.totpRequired ? (
          <form
            noValidate
            onSubmit={form.onSubmit((values) =>
              disable.mutate(values.password, {
                onSuccess: () => {
                  form.reset();
                  notifications.show({ color: 'teal', message: t('profile.twoFactorDisabled') });
                },
                onError: (error) => form.setErrors(fieldErrorsOf(error)),
              }),
            )}
          >
            <Stack gap="sm">
              <ProblemAlert error={disable.error} testId="totp-disable-error" />
              <PasswordField
                label={t('profile.confirmWithPassword')}
                autoComplete="current-password"
                required
                {...form.getInputProps('password')}
              />
              <Group>
                <Button
                  type="submit"
                  color="red"
                  variant="light"
                  loading={disable.isPending}
                  data-testid="totp-disable"
                >
                  {t('profile.disableTwoFactor')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const logoutEverywhere = useLogoutEverywhere();
  return (
    <Section title={t('profile.sessions')} testId="profile-sessions">
      <Text size="sm" c="gray.7" mb="sm">
        {t('profile.logoutEverywhereHelp')}
      </Text>
      <Button color="red" variant="outline" onClick={open} data-testid="logout-everywhere">
        {t('profile.logoutEverywhere')}
      </Button>
      <AppModal opened={opened} onClose={close} title={t('profile.logoutEverywhere')} centered>
        <Stack>
          <Text size="sm">{t('profile.logoutEverywhereConfirm')}</Text>
          <ProblemAlert error={logoutEverywhere.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.8"
              loading={logoutEverywhere.isPending}
              data-testid="logout-everywhere-confirm"
              onClick={() => logoutEverywhere.mutate()}
            >
              {t('profile.logoutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Section>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={`${user.fullName} · ${user.login}`} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <LanguageSection />
          <Section title={t('profile.changePassword')} testId="profile-password">
            <PasswordChangeForm
              login={user.login}
              onDone={() => notifications.show({ color: 'teal', message: t('password.changed') })}
            />
          </Section>
        </Stack>
        <Stack gap="md">
          <TwoFactorSection />
          <SessionsSection />
        </Stack>
      </SimpleGrid>
    </>
  );
}
