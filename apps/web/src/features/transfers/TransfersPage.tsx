import type { CaseTransfer, Language, TransferStatus } from '@madar/domain';
import { TRANSFER_STATUSES } from '@madar/domain';
import { Anchor, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconCheck, IconFolderOpen, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames } from '../../app/reference';
import { isolate } from '../cases/case/labels';
import { type Direction, useTransfers, useTransfersLive } from './api';
import { ProfileSummary, StatusBadge, TransferStepModal } from './TransferParts';

const LIMIT = 20;

type Step = 'accept' | 'decline' | 'cancel';

function TransferCard({
  transfer,
  direction,
  onStep,
}: {
  transfer: CaseTransfer;
  direction: Direction;
  onStep: (step: Step) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const names = useReferenceNames();
  const colon = t('transfers.colon');
  const titleId = `transfer-${transfer.id}`;
  // The case page is open to the province that holds the case: the sender until acceptance, then the receiver.
  const holdsCase =
    (direction === 'outgoing' && transfer.status !== 'accepted') ||
    (direction === 'incoming' && transfer.status === 'accepted');

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      aria-labelledby={titleId}
      data-testid="transfer-card"
      data-transfer-id={transfer.id}
      data-child-code={transfer.childCode}
      data-status={transfer.status}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={700} id={titleId} component="h2" size="md" m={0}>
            {t('transfers.card.child')}
            {colon} <span className="madar-mono">{transfer.childCode}</span>
          </Text>
          <StatusBadge status={transfer.status} />
        </Group>
        <Group gap={6} wrap="wrap">
          <IconArrowsExchange size={16} aria-hidden="true" />
          <Text size="sm">
            {t('transfers.card.route', {
              from: names.territory(transfer.fromTerritoryCode),
              to: names.territory(transfer.toTerritoryCode),
            })}
          </Text>
        </Group>
        <Text size="sm" c="gray.7">
          {t('transfers.card.requestedBy', {
            name: transfer.requestedByName,
            at: formatDateTime(transfer.requestedAt, language),
          })}
        </Text>
        <div>
          <Text size="sm" fw={600}>
            {t('transfers.card.reason')}
          </Text>
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} data-testid="transfer-reason">
            {transfer.reason}
          </Text>
        </div>
        {transfer.profile && transfer.status === 'requested' ? (
          <ProfileSummary profile={transfer.profile} />
        ) : null}
        {transfer.decidedAt ? (
          <Text size="sm" c="gray.7" data-testid="transfer-decided">
            {t(`transfers.card.decided.${transfer.status}`, {
              name: transfer.decidedByName ?? '',
              at: formatDateTime(transfer.decidedAt, language),
            })}
          </Text>
        ) : null}
        {transfer.decisionNote ? (
          <div>
            <Text size="sm" fw={600}>
              {transfer.status === 'declined' ? t('transfers.card.declineReason') : t('transfers.card.note')}
            </Text>
            <Text
              size="sm"
              dir="auto"
              style={{ whiteSpace: 'pre-wrap' }}
              data-testid="transfer-decision-note"
            >
              {transfer.decisionNote}
            </Text>
          </div>
        ) : null}
        {direction === 'outgoing' && transfer.status === 'accepted' ? (
          <Text size="sm" c="gray.7">
            {t('transfers.card.noLongerOurs', { to: names.territory(transfer.toTerritoryCode) })}
          </Text>
        ) : null}
        <Group gap="xs" justify="flex-end" wrap="wrap">
          {holdsCase ? (
            <Anchor
              component={Link}
              to={`/cases/${transfer.caseId}`}
              size="sm"
              me="auto"
              data-testid="transfer-open-case"
            >
              <Group gap={4} component="span" wrap="nowrap">
                <IconFolderOpen size={16} aria-hidden="true" />
                {t('transfers.card.openCase', { child: isolate(transfer.childCode) })}
              </Group>
            </Anchor>
          ) : null}
          {transfer.permissions.decide ? (
            <>
              <Button
                variant="outline"
                color="red.8"
                leftSection={<IconX size={16} aria-hidden="true" />}
                onClick={() => onStep('decline')}
                aria-describedby={titleId}
                data-testid="transfer-decline"
              >
                {t('transfers.decline.open')}
              </Button>
              <Button
                leftSection={<IconCheck size={16} aria-hidden="true" />}
                onClick={() => onStep('accept')}
                aria-describedby={titleId}
                data-testid="transfer-accept"
              >
                {t('transfers.accept.open')}
              </Button>
            </>
          ) : null}
          {transfer.permissions.cancel ? (
            <Button
              variant="default"
              onClick={() => onStep('cancel')}
              aria-describedby={titleId}
              data-testid="transfer-cancel"
            >
              {t('transfers.cancel.open')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * Transfers between provinces (/transfers), for the CAPE coordinator: requests from other provinces
 * to decide on, and the province's own requests to follow or withdraw. Lists refresh as notices
 * arrive on the event stream.
 */
export function TransfersPage() {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const { user } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const direction: Direction = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const [status, setStatus] = useState<TransferStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const [acting, setActing] = useState<{ transfer: CaseTransfer; step: Step } | null>(null);
  const list = useTransfers({ direction, status: status ?? undefined, limit: LIMIT, offset });
  useTransfersLive();
  const items = list.data?.items ?? [];

  const setDirection = (value: string) => {
    const next = new URLSearchParams(params);
    next.set('direction', value);
    setParams(next, { replace: true });
    setOffset(0);
  };

  const done = (saved: CaseTransfer) => {
    const step = acting?.step;
    setActing(null);
    const vars = {
      child: isolate(saved.childCode),
      to: names.territory(saved.toTerritoryCode),
      from: names.territory(saved.fromTerritoryCode),
    };
    notifications.show({ color: 'teal', message: t(`transfers.${step ?? 'accept'}.done`, vars) });
  };

  return (
    <>
      <PageHeader
        title={t('transfers.title')}
        subtitle={
          user.territoryCode
            ? t('transfers.purposeOf', { territory: names.territory(user.territoryCode) })
            : t('transfers.purpose')
        }
      />
      <Stack gap="sm">
        <SegmentedControl
          value={direction}
          onChange={setDirection}
          data={[
            { value: 'incoming', label: t('transfers.incoming') },
            { value: 'outgoing', label: t('transfers.outgoing') },
          ]}
          aria-label={t('transfers.directionLabel')}
          style={{ alignSelf: 'flex-start' }}
          data-testid="transfers-direction"
        />
        <Text size="sm" c="gray.7">
          {direction === 'incoming' ? t('transfers.incomingHelp') : t('transfers.outgoingHelp')}
        </Text>
        <FilterBar cols={3}>
          <Select
            label={t('transfers.statusFilter')}
            data={TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`transfers.status.${s}`) }))}
            value={status}
            onChange={(value) => {
              setStatus(value as TransferStatus | null);
              setOffset(0);
            }}
            clearable
            placeholder={t('common.all')}
            data-testid="transfers-status"
          />
        </FilterBar>
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text ta="center" c="gray.7" py="lg" size="sm" data-testid="transfers-empty">
            {direction === 'incoming' ? t('transfers.emptyIncoming') : t('transfers.emptyOutgoing')}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={direction === 'incoming' ? t('transfers.incoming') : t('transfers.outgoing')}
            data-testid="transfers-list"
          >
            {items.map((transfer) => (
              <TransferCard
                key={transfer.id}
                transfer={transfer}
                direction={direction}
                onStep={(step) => setActing({ transfer, step })}
              />
            ))}
          </Stack>
        )}
        {list.data ? (
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        ) : null}
      </Stack>
      {acting ? (
        <TransferStepModal
          key={`${acting.transfer.id}-${acting.step}`}
          transfer={acting.transfer}
          step={acting.step}
          territoryName={(code) => names.territory(code)}
          onClose={() => setActing(null)}
          onDone={done}
        />
      ) : null}
    </>
  );
}
