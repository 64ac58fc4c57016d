import type { CaseTransfer, Language } from '@madar/domain';
import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowsExchange } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, fieldErrorsOf, isApiError } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useReferenceNames } from '../../app/reference';
import { alertError } from '../cases/case/forms';
import { isolate } from '../cases/case/labels';
import { transferKeys, useCaseTransfers, useRequestTransfer } from './api';
import { StatusBadge, TransferStepModal, useDestinationOptions } from './TransferParts';

/** The case as the transfer panel needs it (the case page's detail has more). */
interface CaseRef {
  id: string;
  territoryCode: string;
  childCode: string;
}

const FORM_FIELDS = new Set(['toTerritoryCode', 'reason']);

function RequestForm({ kase, onClose }: { kase: CaseRef; onClose: () => void }) {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const destinations = useDestinationOptions(kase.territoryCode);
  const request = useRequestTransfer(kase.id);
  const client = useQueryClient();
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const from = names.territory(kase.territoryCode);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!to) local.toTerritoryCode = t('transfers.request.destinationRequired');
    if (!reason.trim()) local.reason = t('transfers.request.reasonRequired');
    setErrors(local);
    if (!to || Object.keys(local).length > 0) return;
    request.mutate(
      { toTerritoryCode: to, reason: reason.trim() },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: t('transfers.request.done', { to: names.territory(saved.toTerritoryCode) }),
          });
          onClose();
        },
        onError: (error) => {
          setErrors(fieldErrorsOf(error));
          // Someone asked first, or the case was closed: the panel shows the case as it is now.
          if (isApiError(error, 'transfer_pending') || isApiError(error, 'case_closed')) {
            void client.invalidateQueries({ queryKey: transferKeys.ofCase(kase.id) });
          }
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="transfer-request-form">
      <Stack gap="sm">
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          data-testid="transfer-request-warning"
        >
          <Text size="sm">
            {to
              ? t('transfers.request.consequence', {
                  child: isolate(kase.childCode),
                  from,
                  to: names.territory(to),
                })
              : t('transfers.request.consequenceAny', { child: isolate(kase.childCode), from })}
          </Text>
        </Alert>
        <ProblemAlert error={alertError(request.error, (path) => FORM_FIELDS.has(path))} />
        <Select
          label={t('transfers.request.destination')}
          description={t('transfers.request.destinationHelp')}
          placeholder={t('transfers.request.choose')}
          data={destinations}
          value={to}
          onChange={setTo}
          searchable
          required
          nothingFoundMessage={t('common.noResults')}
          error={errors.toTerritoryCode}
          data-testid="transfer-destination"
        />
        <Textarea
          label={t('transfers.request.reason')}
          description={t('transfers.request.reasonHelp')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          data-testid="transfer-reason-input"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={request.isPending} data-testid="transfer-request-submit">
            {t('transfers.request.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One request in the case's history of moves. */
function HistoryItem({ transfer }: { transfer: CaseTransfer }) {
  const { t, i18n } = useTranslation();
  const names = useReferenceNames();
  return (
    <Paper component="li" withBorder radius="sm" p="sm" bg="gray.0" data-testid="case-transfer-item">
      <Group justify="space-between" gap="xs" align="flex-start">
        <Text size="sm" fw={600}>
          {t('transfers.card.route', {
            from: names.territory(transfer.fromTerritoryCode),
            to: names.territory(transfer.toTerritoryCode),
          })}
        </Text>
        <StatusBadge status={transfer.status} />
      </Group>
      <Text size="xs" c="gray.7" mt={2}>
        {t('transfers.card.requestedBy', {
          name: transfer.requestedByName,
          at: formatDateTime(transfer.requestedAt, i18n.language as Language),
        })}
      </Text>
      {transfer.decidedAt ? (
        <Text size="xs" c="gray.7">
          {t(`transfers.card.decided.${transfer.status}`, {
            name: transfer.decidedByName ?? '',
            at: formatDateTime(transfer.decidedAt, i18n.language as Language),
          })}
        </Text>
      ) : null}
    </Paper>
  );
}

/**
 * On the case page: the case's moves between provinces, the request waiting for the other side
 * (which the coordinator may withdraw), and — when the server says the user may — asking the DTIPE
 * of another province to take the case. Shown only to those who may read the case's transfers.
 */
export function CaseTransferPanel({ kase }: { kase: CaseRef }) {
  const { t, i18n } = useTranslation();
  const names = useReferenceNames();
  const transfers = useCaseTransfers(kase.id);
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState<CaseTransfer | null>(null);

  // A role that may not read the case's transfers simply does not see the panel.
  if (transfers.error instanceof ApiError && transfers.error.status === 403) return null;
  if (!transfers.data)
    return <ProblemAlert error={transfers.error} onRetry={() => void transfers.refetch()} />;
  const { items, permissions } = transfers.data;
  const open = items.find((i) => i.status === 'requested');
  const past = items.filter((i) => i.status !== 'requested').reverse();
  if (!permissions.request && items.length === 0) return null;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="transfer-title"
      data-testid="case-transfers"
    >
      <Title order={2} size="h4" mb="sm" id="transfer-title">
        {t('transfers.panel.title')}
      </Title>
      <Stack gap="sm">
        {open ? (
          <Alert
            color="blue"
            variant="light"
            icon={<IconArrowsExchange aria-hidden="true" />}
            data-testid="case-transfer-open"
          >
            <Text size="sm">
              {t('transfers.panel.waiting', {
                to: names.territory(open.toTerritoryCode),
                at: formatDateTime(open.requestedAt, i18n.language as Language),
              })}
            </Text>
            <Group gap="xs" mt="xs">
              {open.permissions.cancel ? (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setCancelling(open)}
                  data-testid="case-transfer-cancel"
                >
                  {t('transfers.cancel.open')}
                </Button>
              ) : null}
              <Anchor component={Link} to="/transfers?direction=outgoing" size="sm">
                {t('transfers.panel.seeRequests')}
              </Anchor>
            </Group>
          </Alert>
        ) : null}
        {permissions.request ? (
          <Group gap="sm" align="center">
            <Text size="sm" c="gray.8" style={{ flex: '1 1 240px' }}>
              {t('transfers.panel.help')}
            </Text>
            <Button
              variant="light"
              leftSection={<IconArrowsExchange size={16} aria-hidden="true" />}
              onClick={() => setAsking(true)}
              data-testid="transfer-request-open"
            >
              {t('transfers.request.open')}
            </Button>
          </Group>
        ) : null}
        {past.length > 0 ? (
          <Stack
            gap="xs"
            component="ol"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('transfers.panel.history')}
          >
            {past.map((transfer) => (
              <HistoryItem key={transfer.id} transfer={transfer} />
            ))}
          </Stack>
        ) : null}
      </Stack>
      {asking ? (
        <AppModal opened onClose={() => setAsking(false)} title={t('transfers.request.title')} size="lg">
          <RequestForm kase={kase} onClose={() => setAsking(false)} />
        </AppModal>
      ) : null}
      {cancelling ? (
        <TransferStepModal
          transfer={cancelling}
          step="cancel"
          territoryName={(code) => names.territory(code)}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            notifications.show({ color: 'teal', message: t('transfers.cancel.doneShort') });
          }}
        />
      ) : null}
    </Paper>
  );
}
