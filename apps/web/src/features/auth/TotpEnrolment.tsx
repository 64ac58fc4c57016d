import { Anchor, Button, Code, Group, List, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { CopyValue } from '../../app/components/CopyValue';
import { Loading } from '../../app/components/Loading';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { groupInFours } from '../../app/format';
import { useConfirmEnrolment, useStartEnrolment } from './api';
import { TotpCodeField, validateTotpCode } from './TotpCodeField';

/**
 * Two-factor enrolment: the server makes a secret, the user adds it to an authenticator application
 * (typed by hand or through the otpauth link) and confirms with a first code.
 */
export function TotpEnrolment({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const started = useRef(false);
  const form = useForm({ initialValues: { code: '' }, validate: { code: (v) => validateTotpCode(v, t) } });

  // biome-ignore lint/correctness/useExhaustiveDependencies: start once per mount
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start.mutate();
  }, []);

  if (start.isPending || (start.isIdle && !start.data)) return <Loading />;
  if (start.isError) return <ProblemAlert error={start.error} onRetry={() => start.mutate()} />;
  const enrolment = start.data;
  if (!enrolment) return null;

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>{t('mfa.enrolStep1')}</List.Item>
        <List.Item>{t('mfa.enrolStep2')}</List.Item>
        <List.Item>{t('mfa.enrolStep3')}</List.Item>
      </List>
      <Stack gap={4}>
        <Text size="sm" fw={600} id="totp-secret-label">
          {t('mfa.secret')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code
            block
            className="madar-mono"
            fz="md"
            style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            aria-labelledby="totp-secret-label"
            data-testid="totp-secret"
            data-secret={enrolment.secret}
          >
            {groupInFours(enrolment.secret)}
          </Code>
          <CopyValue value={enrolment.secret} testId="totp-secret-copy" />
        </Group>
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('mfa.link')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Anchor
            href={enrolment.otpauthUri}
            size="sm"
            className="madar-mono"
            style={{ flex: 1, wordBreak: 'break-all' }}
            data-testid="totp-uri"
          >
            {enrolment.otpauthUri}
          </Anchor>
          <CopyValue value={enrolment.otpauthUri} testId="totp-uri-copy" />
        </Group>
        <Text size="xs" c="gray.7">
          {t('mfa.linkHelp')}
        </Text>
      </Stack>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          confirm.mutate(values.code.trim(), {
            onSuccess: () => onDone?.(),
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          }),
        )}
      >
        <Stack gap="sm">
          <ProblemAlert error={confirm.error} testId="totp-error" />
          <TotpCodeField form={form} />
          <Button type="submit" loading={confirm.isPending} data-testid="totp-confirm">
            {t('mfa.confirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
