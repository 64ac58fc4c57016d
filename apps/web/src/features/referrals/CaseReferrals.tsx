import { CLOSED_REFERRAL_STATUSES, type PlanItem } from '@madar/domain';
import { Anchor, Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/components/Loading';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import type { CaseDetail } from '../cases/api';
import { useCaseReferrals, useReferralLiveUpdates } from './api';
import { ReferralStatusBadge } from './labels';
import { ReferralForm } from './ReferralForm';
import { ReferralList } from './ReferralList';

/** referralPolicy.create follows the case's `plan` permission (the CAPE's caseworkers of the territory). */
const mayRefer = (detail: CaseDetail) => detail.permissions.plan === true && detail.closedAt === null;

/**
 * On a plan item: its latest referral card (number and status, a link), and the action that writes
 * one while no card is open for it. A delivered service needs no card.
 */
export function PlanItemReferral({ detail, item }: { detail: CaseDetail; item: PlanItem }) {
  const { t } = useTranslation();
  const cards = useCaseReferrals(detail.id);
  const [opened, setOpened] = useState(false);
  const ofItem = (cards.data?.items ?? [])
    .filter((c) => c.planItemId === item.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const latest = ofItem[0];
  const open = ofItem.some((c) => !CLOSED_REFERRAL_STATUSES.includes(c.status));
  const mayWrite = mayRefer(detail) && item.status !== 'delivered' && Boolean(cards.data) && !open;
  if (!latest && !mayWrite) return null;
  return (
    <>
      <Group gap="xs" justify="space-between" data-testid={`plan-item-referrals-${item.id}`}>
        {latest ? (
          <Group gap={6} data-testid={`plan-item-referral-${item.id}`}>
            <Anchor component={Link} to={`/referrals/${latest.id}`} size="sm" fw={600}>
              {t('referrals.case.cardOfItem', { number: latest.number })}
            </Anchor>
            <ReferralStatusBadge status={latest.status} size="sm" />
          </Group>
        ) : null}
        {mayWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} aria-hidden="true" />}
            onClick={() => setOpened(true)}
            data-testid={`plan-item-refer-${item.id}`}
          >
            {t(latest ? 'referrals.case.referAgain' : 'referrals.case.refer')}
          </Button>
        ) : null}
      </Group>
      {opened ? (
        <ReferralForm caseId={detail.id} item={item} opened={opened} onClose={() => setOpened(false)} />
      ) : null}
    </>
  );
}

/** The case's referral cards on its page, kept live: the other side's answers appear as they come. */
export function CaseReferrals({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const cards = useCaseReferrals(detail.id);
  useReferralLiveUpdates();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="case-referrals-title">
      <Title order={2} size="h4" mb={4} id="case-referrals-title">
        {t('referrals.case.title')}
      </Title>
      <Text size="xs" c="gray.7" mb="sm">
        {t('referrals.case.intro')}
      </Text>
      {cards.isPending ? <Loading /> : null}
      <ProblemAlert error={cards.error} onRetry={() => void cards.refetch()} />
      {cards.data ? <ReferralList items={cards.data.items} side="outbox" testId="case-referrals" /> : null}
    </Paper>
  );
}
