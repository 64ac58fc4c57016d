import type { ReferralCard } from '@madar/domain';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Loading } from '../../app/components/Loading';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDate, formatDateTime } from '../../app/format';
import { institutionName, useReferenceNames } from '../../app/reference';
import { useDocumentTitle } from '../../app/title';
import { useRefLabels } from '../cases/case/labels';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { UrgencyBadge } from '../reports/labels';
import { Attachments } from './Attachments';
import { useReferral, useReferralLiveUpdates } from './api';
import { CardActions } from './CardActions';
import { EscalatedBadge, OverdueBadge, ReferralStatusBadge } from './labels';
import { MessageThread } from './MessageThread';
import { dayIso, stepsOf } from './model';
import classes from './referrals.module.css';
import { SharedSections } from './SharedSections';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

function CardHeader({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const names = useReferenceNames();
  const language = labels.language;
  const receiving = card.receivingInstitution;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-title">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <Stack gap={2}>
          <Text size="xs" c="gray.7">
            {t('referrals.card.kind')}
          </Text>
          <Title order={1} size="h3" id="referral-title">
            <span className="madar-mono" data-testid="referral-number">
              {card.number}
            </span>
          </Title>
        </Stack>
        <Group gap={6}>
          <ReferralStatusBadge status={card.status} />
          {card.urgency !== 'normal' ? <UrgencyBadge urgency={card.urgency} /> : null}
          {card.overdue ? <OverdueBadge /> : null}
          {card.escalated ? <EscalatedBadge /> : null}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Field label={t('referrals.card.child')} testId="referral-child-code">
          <span className="madar-mono">{card.childCode}</span>
        </Field>
        <Field label={t('referrals.card.service')}>
          <b>{labels.label('service', card.serviceCode)}</b>
        </Field>
        <Field label={t('referrals.form.urgency')}>{t(`reports.urgency.${card.urgency}`)}</Field>
        <Field label={t('referrals.card.from')}>
          {card.senderInstitution ? institutionName(card.senderInstitution, language) : null}
          <Text size="xs" c="gray.7">
            {card.senderName}
          </Text>
        </Field>
        <Field label={t('referrals.card.to')} testId="referral-receiving">
          {institutionName(receiving, language)}
          <Text size="xs" c="gray.7">
            {labels.label('sector', receiving.sectorCode)} · {names.territory(receiving.territoryCode)}
          </Text>
        </Field>
        <Field label={t('referrals.card.dueOn')}>
          <Text
            component="span"
            size="sm"
            c={card.overdue ? 'red.9' : undefined}
            fw={card.overdue ? 700 : undefined}
            data-testid="referral-due-on"
          >
            {formatDate(dayIso(card.dueOn), language)}
          </Text>
        </Field>
      </SimpleGrid>
    </Paper>
  );
}

/** Every step of the card, timestamped and attributed. */
function CardSteps({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-steps-title">
      <Title order={2} size="h4" id="referral-steps-title" mb="sm">
        {t('referrals.steps.title')}
      </Title>
      <ol className={classes.steps} data-testid="referral-steps">
        {stepsOf(card).map((s) => (
          <li key={s.name} className={classes.step} data-testid={`referral-step-${s.name}`}>
            <Text size="sm" fw={600}>
              {t(`referrals.steps.${s.name}`)}
            </Text>
            <Text size="xs" c="gray.7">
              {formatDateTime(s.at, labels.language)} · {s.byName}
            </Text>
          </li>
        ))}
      </ol>
      {card.escalatedAt ? (
        <Text size="xs" c="orange.9" mt={4}>
          {t('referrals.steps.escalatedAt', { date: formatDateTime(card.escalatedAt, labels.language) })}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The sender's note, and the receiving service's answer (measures taken, or the reason for declining). */
function CardTexts({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  if (!card.note && !card.measures && !card.declineReason) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-texts-title">
      <Title order={2} size="h4" id="referral-texts-title" mb="sm">
        {t('referrals.card.texts')}
      </Title>
      <Stack gap="sm">
        {card.note ? (
          <Field label={t('referrals.card.note')}>
            <Text size="sm" className={classes.quote} dir="auto" data-testid="referral-note-text">
              {card.note}
            </Text>
          </Field>
        ) : null}
        {card.measures ? (
          <Field label={t('referrals.actions.measures')}>
            <Text size="sm" className={classes.quote} dir="auto" data-testid="referral-measures-text">
              {card.measures}
            </Text>
          </Field>
        ) : null}
        {card.declineReason ? (
          <Field label={t('referrals.actions.reason')}>
            <Text
              size="sm"
              c="red.9"
              className={classes.quote}
              dir="auto"
              data-testid="referral-decline-text"
            >
              {card.declineReason}
            </Text>
          </Field>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A referral card (/referrals/:id), as the signed-in user's side sees it; kept live. */
export function ReferralPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useReferral(id);
  useReferralLiveUpdates();
  useDocumentTitle(
    query.data ? t('referrals.card.documentTitle', { number: query.data.number }) : t('referrals.card.kind'),
  );

  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
    return <NotFoundPage />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!query.data) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const card = query.data;

  return (
    <Stack
      gap="md"
      data-testid="referral-page"
      data-status={card.status}
      data-version={card.version}
      data-side={card.side}
    >
      <Group gap="md">
        <Anchor component={Link} to="/referrals" size="sm" data-testid="referral-back">
          {t('referrals.card.back')}
        </Anchor>
        {card.side === 'sender' ? (
          <Anchor
            component={Link}
            to={`/cases/${card.caseId}?section=plan`}
            size="sm"
            data-testid="referral-case"
          >
            {t('referrals.card.backToCase')}
          </Anchor>
        ) : null}
      </Group>
      <CardHeader card={card} />
      <CardActions card={card} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <CardTexts card={card} />
          <SharedSections card={card} />
        </Stack>
        <Stack gap="md">
          <CardSteps card={card} />
          <MessageThread card={card} />
          <Attachments card={card} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
