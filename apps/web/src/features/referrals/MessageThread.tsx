import type { ReferralCard } from '@madar/domain';
import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { Loading } from '../../app/components/Loading';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { alertError } from '../cases/case/forms';
import { useLanguage } from '../cases/case/labels';
import { usePostMessage, useReferralMessages } from './api';
import classes from './referrals.module.css';

/**
 * The thread between the two sides of a card, oldest first. It opens when the card is sent and
 * stays open after an answer (a question on the measures); a cancelled card's thread is closed.
 */
export function MessageThread({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const messages = useReferralMessages(card.id);
  const post = usePostMessage(card.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('validation.required'));
      return;
    }
    setError(undefined);
    post.mutate(body.trim(), {
      onSuccess: () => setBody(''),
      onError: (e) => setError(fieldErrorsOf(e).body),
    });
  };

  const items = messages.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-thread-title">
      <Title order={2} size="h4" id="referral-thread-title" mb="sm">
        {t('referrals.messages.title')}
      </Title>
      {messages.isPending ? <Loading /> : null}
      <ProblemAlert error={messages.error} onRetry={() => void messages.refetch()} />
      {messages.data && items.length === 0 ? (
        <Text size="sm" c="gray.7" mb="sm">
          {t('referrals.messages.empty')}
        </Text>
      ) : null}
      <Stack
        gap="xs"
        component="ol"
        p={0}
        m={0}
        mb="md"
        style={{ listStyle: 'none' }}
        data-testid="referral-messages"
        aria-live="polite"
      >
        {items.map((m) => (
          <Paper
            key={m.id}
            component="li"
            radius="md"
            p="sm"
            className={m.side === card.side ? classes.mine : classes.theirs}
            data-testid={`referral-message-${m.id}`}
          >
            <Group gap={6} justify="space-between" align="flex-start">
              <Group gap={6}>
                <Text size="sm" fw={700}>
                  {m.authorName}
                </Text>
                <Badge size="xs" variant="light" color={m.side === 'sender' ? 'madar' : 'grape'} tt="none">
                  {t(`referrals.side.${m.side}`)}
                </Badge>
              </Group>
              <Text size="xs" c="gray.7">
                {formatDateTime(m.createdAt, language)}
              </Text>
            </Group>
            <Text size="sm" mt={4} className={classes.quote} dir="auto">
              {m.body}
            </Text>
          </Paper>
        ))}
      </Stack>
      {card.permissions.message ? (
        <form noValidate onSubmit={submit}>
          <Stack gap="xs">
            <ProblemAlert error={alertError(post.error, (p) => p === 'body')} />
            <Textarea
              label={t('referrals.messages.label')}
              description={t(
                card.shareIdentity ? 'referrals.messages.help' : 'referrals.messages.helpNoIdentity',
              )}
              autosize
              minRows={2}
              maxLength={4000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={error}
              data-testid="referral-message-input"
            />
            <Group justify="flex-end">
              <Button
                type="submit"
                variant="light"
                leftSection={<IconSend size={16} aria-hidden="true" />}
                loading={post.isPending}
                data-testid="referral-message-send"
              >
                {t('referrals.messages.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="xs" c="gray.7">
          {t(card.status === 'draft' ? 'referrals.messages.notSentYet' : 'referrals.messages.closed')}
        </Text>
      )}
    </Paper>
  );
}
