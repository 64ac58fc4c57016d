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
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { AttachmentForm, AttachmentItem } from './Attachments';
import { type ReferralStep, useCompleteReferral, useDeclineReferral, useReferralStep } from './api';
import { CardProblem } from './CardProblem';

/** A step that asks for words: completing (the measures taken) or declining (the reason). */
interface TextStep {
  /** The text's name in the request, and in the server's field problems. */
  field: string;
  title: string;
  label: string;
  help: string;
  /** The message when the text is left empty. */
  required: string;
  maxLength: number;
  submit: string;
  done: string;
  color: string;
  icon: typeof IconCircleCheck;
  testIds: { panel: string; input: string; submit: string };
}

const COMPLETE: TextStep = {
  field: 'measures',
  title: 'referrals.actions.completeTitle',
  label: 'referrals.actions.measures',
  help: 'referrals.actions.measuresHelp',
  required: 'validation.required',
  maxLength: 8000,
  submit: 'referrals.actions.completeSubmit',
  done: 'referrals.actions.done.complete',
  color: 'teal',
  icon: IconCircleCheck,
  testIds: {
    panel: 'referral-complete-panel',
    input: 'referral-measures',
    submit: 'referral-complete-submit',
  },
};

const DECLINE: TextStep = {
  field: 'reason',
  title: 'referrals.actions.declineTitle',
  label: 'referrals.actions.reason',
  help: 'referrals.actions.reasonHelp',
  required: 'referrals.actions.reasonRequired',
  maxLength: 4000,
  submit: 'referrals.actions.declineSubmit',
  done: 'referrals.actions.done.decline',
  color: 'red',
  icon: IconThumbDown,
  testIds: {
    panel: 'referral-decline-panel',
    input: 'referral-decline-reason',
    submit: 'referral-decline-submit',
  },
};

/**
 * The panel of a step that asks for words; the server's problem on the text shows on the input, any
 * other above it. `children` comes between the title and the form.
 */
function TextStepPanel<V>({
  card,
  step,
  mutation,
  body,
  onDone,
  children,
}: {
  card: ReferralCard;
  step: TextStep;
  mutation: UseMutationResult<ReferralCard, Error, V>;
  body: (text: string) => V;
  onDone: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const Icon = step.icon;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t(step.required));
      return;
    }
    setError(undefined);
    mutation.mutate(body(text.trim()), {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t(step.done) });
        onDone();
      },
      onError: (e) => setError(fieldErrorsOf(e)[step.field]),
    });
  };

  return (
    <Paper withBorder radius="sm" p="sm" data-testid={step.testIds.panel}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t(step.title)}
        </Title>
        {children}
        <form noValidate onSubmit={submit}>
          <Stack gap="sm">
            <CardProblem
              error={mutation.error}
              cardId={card.id}
              onReloaded={() => mutation.reset()}
              shown={(p) => p === step.field}
            />
            <Textarea
              label={t(step.label)}
              description={t(step.help)}
              autosize
              minRows={3}
              maxLength={step.maxLength}
              required
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={error}
              data-testid={step.testIds.input}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color={step.color}
                leftSection={<Icon size={16} aria-hidden="true" />}
                loading={mutation.isPending}
                data-testid={step.testIds.submit}
              >
                {t(step.submit)}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** Completing: the measures taken, with the documents joined first (certificate, report…). */
function CompletePanel({ card, onDone }: { card: ReferralCard; onDone: () => void }) {
  const { t } = useTranslation();
  const complete = useCompleteReferral(card.id);
  const ours = card.attachments.filter((a) => a.side === card.side);
  return (
    <TextStepPanel
      card={card}
      step={COMPLETE}
      mutation={complete}
      body={(measures) => ({ measures, version: card.version })}
      onDone={onDone}
    >
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
    </TextStepPanel>
  );
}

function DeclinePanel({ card, onDone }: { card: ReferralCard; onDone: () => void }) {
  const decline = useDeclineReferral(card.id);
  return (
    <TextStepPanel
      card={card}
      step={DECLINE}
      mutation={decline}
      body={(reason) => ({ reason, version: card.version })}
      onDone={onDone}
    />
  );
}

/** The steps taken in one click, in the order they are offered. */
const ONE_CLICK_STEPS: { step: Exclude<ReferralStep, 'cancel'>; icon: typeof IconSend; variant?: 'light' }[] =
  [
    { step: 'send', icon: IconSend },
    { step: 'acknowledge', icon: IconCheck },
    { step: 'start', icon: IconPlayerPlay, variant: 'light' },
  ];

/** The steps that open a panel asking for words. */
const PANEL_STEPS = [
  { panel: 'complete', step: COMPLETE },
  { panel: 'decline', step: DECLINE },
] as const;

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
          {ONE_CLICK_STEPS.map(({ step: name, icon: Icon, variant }) =>
            p[name] ? (
              <Button
                key={name}
                variant={variant}
                leftSection={<Icon size={16} aria-hidden="true" />}
                onClick={() => run(name)}
                loading={busy(name)}
                data-testid={`referral-action-${name}`}
              >
                {t(`referrals.actions.${name}`)}
              </Button>
            ) : null,
          )}
          {PANEL_STEPS.map(({ panel: name, step: { color, icon: Icon } }) =>
            p[name] ? (
              <Button
                key={name}
                variant={panel === name ? 'filled' : 'light'}
                color={color}
                leftSection={<Icon size={16} aria-hidden="true" />}
                onClick={() => setPanel(panel === name ? null : name)}
                aria-expanded={panel === name}
                data-testid={`referral-action-${name}`}
              >
                {t(`referrals.actions.${name}`)}
              </Button>
            ) : null,
          )}
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
