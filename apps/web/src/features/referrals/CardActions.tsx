import type { ReferralCard } from '@madar/domain';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconCircleCheck,
  IconPlayerPlay,
  IconSend,
  IconThumbDown,
  IconX,
} from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { AttachmentForm, AttachmentItem } from './Attachments';
import { type ReferralStep, useCompleteReferral, useDeclineReferral, useReferralStep } from './api';
import { CardProblem } from './CardProblem';

/** Completing: the measures taken, with the documents joined first (certificate, report…). */
function CompletePanel({ card, onDone }: { card: ReferralCard; onDone: () => void }) {
  const { t } = useTranslation();
  const complete = useCompleteReferral(card.id);
  const [measures, setMeasures] = useState('');
  const [error, setError] = useState<string | undefined>();
  const ours = card.attachments.filter((a) => a.side === card.side);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!measures.trim()) {
      setError(t('validation.required'));
      return;
    }
    setError(undefined);
    complete.mutate(
      { measures: measures.trim(), version: card.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('referrals.actions.done.complete') });
          onDone();
        },
        onError: (e) => setError(fieldErrorsOf(e).measures),
      },
    );
  };

  return (
    <Paper withBorder radius="sm" p="sm" data-testid="referral-complete-panel">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('referrals.actions.completeTitle')}
        </Title>
        <Text size="xs" c="gray.7">
          {t('referrals.actions.documentsHelp')}
        </Text>
        {ours.length ? (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {ours.map((a) => (
              <AttachmentItem key={a.id} attachment={a} />
            ))}
          </Stack>
        ) : null}
        <AttachmentForm card={card} defaultType="certificate" testPrefix="complete-attachment" />
        <form noValidate onSubmit={submit}>
          <Stack gap="sm">
            <CardProblem
              error={complete.error}
              cardId={card.id}
              onReloaded={() => complete.reset()}
              shown={(p) => p === 'measures'}
            />
            <Textarea
              label={t('referrals.actions.measures')}
              description={t('referrals.actions.measuresHelp')}
              autosize
              minRows={3}
              maxLength={8000}
              required
              value={measures}
              onChange={(e) => setMeasures(e.currentTarget.value)}
              error={error}
              data-testid="referral-measures"
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color="teal"
                leftSection={<IconCircleCheck size={16} aria-hidden="true" />}
                loading={complete.isPending}
                data-testid="referral-complete-submit"
              >
                {t('referrals.actions.completeSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function DeclinePanel({ card, onDone }: { card: ReferralCard; onDone: () => void }) {
  const { t } = useTranslation();
  const decline = useDeclineReferral(card.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('referrals.actions.reasonRequired'));
      return;
    }
    setError(undefined);
    decline.mutate(
      { reason: reason.trim(), version: card.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('referrals.actions.done.decline') });
          onDone();
        },
        onError: (e) => setError(fieldErrorsOf(e).reason),
      },
    );
  };
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="referral-decline-panel">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('referrals.actions.declineTitle')}
          </Title>
          <CardProblem
            error={decline.error}
            cardId={card.id}
            onReloaded={() => decline.reset()}
            shown={(p) => p === 'reason'}
          />
          <Textarea
            label={t('referrals.actions.reason')}
            description={t('referrals.actions.reasonHelp')}
            autosize
            minRows={3}
            maxLength={4000}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            data-testid="referral-decline-reason"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="red"
              leftSection={<IconThumbDown size={16} aria-hidden="true" />}
              loading={decline.isPending}
              data-testid="referral-decline-submit"
            >
              {t('referrals.actions.declineSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * What the signed-in user may do with the card now, as the API's `permissions` say: the sender
 * sends a draft or cancels; the receiving service acknowledges, starts, completes or declines.
 */
export function CardActions({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  const step = useReferralStep(card.id);
  const [panel, setPanel] = useState<'complete' | 'decline' | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const p = card.permissions;
  const any = p.send || p.acknowledge || p.start || p.complete || p.decline || p.cancel;

  const run = (name: ReferralStep) =>
    step.mutate(
      { step: name, version: card.version },
      {
        onSuccess: () => {
          setConfirmCancel(false);
          notifications.show({ color: 'teal', message: t(`referrals.actions.done.${name}`) });
        },
      },
    );
  const busy = (name: ReferralStep) => step.isPending && step.variables?.step === name;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-actions-title">
      <Title order={2} size="h4" id="referral-actions-title" mb="sm">
        {t('referrals.actions.title')}
      </Title>
      <Stack gap="sm">
        {!confirmCancel ? (
          <CardProblem
            error={step.error}
            cardId={card.id}
            onReloaded={() => step.reset()}
            testId="referral-step-error"
          />
        ) : null}
        {!any ? (
          <Text size="sm" c="gray.7" data-testid="referral-no-action">
            {t(`referrals.actions.none.${card.side}`)}
          </Text>
        ) : null}
        <Group gap="xs">
          {p.send ? (
            <Button
              leftSection={<IconSend size={16} aria-hidden="true" />}
              onClick={() => run('send')}
              loading={busy('send')}
              data-testid="referral-action-send"
            >
              {t('referrals.actions.send')}
            </Button>
          ) : null}
          {p.acknowledge ? (
            <Button
              leftSection={<IconCheck size={16} aria-hidden="true" />}
              onClick={() => run('acknowledge')}
              loading={busy('acknowledge')}
              data-testid="referral-action-acknowledge"
            >
              {t('referrals.actions.acknowledge')}
            </Button>
          ) : null}
          {p.start ? (
            <Button
              variant="light"
              leftSection={<IconPlayerPlay size={16} aria-hidden="true" />}
              onClick={() => run('start')}
              loading={busy('start')}
              data-testid="referral-action-start"
            >
              {t('referrals.actions.start')}
            </Button>
          ) : null}
          {p.complete ? (
            <Button
              variant={panel === 'complete' ? 'filled' : 'light'}
              color="teal"
              leftSection={<IconCircleCheck size={16} aria-hidden="true" />}
              onClick={() => setPanel(panel === 'complete' ? null : 'complete')}
              aria-expanded={panel === 'complete'}
              data-testid="referral-action-complete"
            >
              {t('referrals.actions.complete')}
            </Button>
          ) : null}
          {p.decline ? (
            <Button
              variant={panel === 'decline' ? 'filled' : 'light'}
              color="red"
              leftSection={<IconThumbDown size={16} aria-hidden="true" />}
              onClick={() => setPanel(panel === 'decline' ? null : 'decline')}
              aria-expanded={panel === 'decline'}
              data-testid="referral-action-decline"
            >
              {t('referrals.actions.decline')}
            </Button>
          ) : null}
          {p.cancel ? (
            <Button
              variant="default"
              leftSection={<IconX size={16} aria-hidden="true" />}
              onClick={() => setConfirmCancel(true)}
              data-testid="referral-action-cancel"
            >
              {t('referrals.actions.cancel')}
            </Button>
          ) : null}
        </Group>
        {panel === 'complete' && p.complete ? (
          <CompletePanel card={card} onDone={() => setPanel(null)} />
        ) : null}
        {panel === 'decline' && p.decline ? <DeclinePanel card={card} onDone={() => setPanel(null)} /> : null}
      </Stack>
      <AppModal
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title={t('referrals.actions.cancelTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t(
              card.status === 'draft' ? 'referrals.actions.cancelDraftText' : 'referrals.actions.cancelText',
            )}
          </Text>
          <CardProblem error={step.error} cardId={card.id} onReloaded={() => step.reset()} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              {t('referrals.actions.keep')}
            </Button>
            <Button
              color="red"
              onClick={() => run('cancel')}
              loading={busy('cancel')}
              data-testid="referral-cancel-confirm"
            >
              {t('referrals.actions.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Paper>
  );
}
