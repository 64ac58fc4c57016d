import type { CaseTransfer, TransferProfile, TransferStatus } from '@madar/domain';
import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, isApiError } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { VersionConflict } from '../../app/components/VersionConflict';
import { nameIn, useReference } from '../../app/queries';
import type { OptionGroup } from '../../app/reference';
import { isolate, useLanguage, useRefLabels } from '../cases/case/labels';
import { useCancelTransfer, useDecideTransfer, useReloadTransfers } from './api';

export const STATUS_COLOR: Record<TransferStatus, string> = {
  requested: 'blue',
  accepted: 'teal',
  declined: 'red',
  cancelled: 'gray',
};

export function StatusBadge({ status }: { status: TransferStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="transfer-status" data-status={status}>
      {t(`transfers.status.${status}`)}
    </Badge>
  );
}

/** The provinces a case can go to: every other one with an established DTIPE, by region. */
export function useDestinationOptions(fromTerritoryCode: string): OptionGroup[] {
  const reference = useReference();
  const language = useLanguage();
  return useMemo(() => {
    const data = reference.data;
    if (!data) return [];
    return data.regions
      .map((region) => ({
        group: nameIn(region, language),
        items: data.territories
          .filter(
            (tr) => tr.regionCode === region.code && tr.dtipeEstablished && tr.code !== fromTerritoryCode,
          )
          .map((tr) => ({ value: tr.code, label: nameIn(tr, language) })),
      }))
      .filter((g) => g.items.length > 0);
  }, [reference.data, language, fromTerritoryCode]);
}

/** What the receiving province sees of the child before deciding: no identity, no file. */
export function ProfileSummary({ profile }: { profile: TransferProfile }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const colon = t('transfers.colon');
  const facts: [string, string][] = [
    [t('transfers.profile.sex'), t(`casePage.sex.${profile.sex}`, { defaultValue: profile.sex })],
    [
      t('transfers.profile.ageBand'),
      profile.ageBand ? t(`casePage.ageBand.${profile.ageBand}`) : t('casePage.ageBand.unknown'),
    ],
    [t('transfers.profile.stage'), labels.label('stage', profile.stage)],
    [
      t('transfers.profile.dangerLevel'),
      profile.dangerLevel
        ? labels.label('dangerLevel', profile.dangerLevel)
        : t('transfers.profile.notAssessed'),
    ],
  ];
  return (
    <Stack gap={4} data-testid="transfer-profile">
      <Group gap="md" wrap="wrap">
        {facts.map(([label, value]) => (
          <Text size="sm" key={label}>
            <Text span c="gray.7">
              {label}
              {colon}
            </Text>{' '}
            {value}
          </Text>
        ))}
      </Group>
      {profile.situations.length + profile.harmForms.length > 0 ? (
        <Group gap={6} wrap="wrap">
          {profile.situations.map((s) => (
            <Badge key={`s-${s}`} variant="light" color="gray" style={{ textTransform: 'none' }}>
              {labels.label('situation', s)}
            </Badge>
          ))}
          {profile.harmForms.map((h) => (
            <Badge key={`h-${h}`} variant="light" color="grape" style={{ textTransform: 'none' }}>
              {labels.label('harmForm', h)}
            </Badge>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}

/** A 409 that is not a version conflict (the request was closed meanwhile, the case closed): said, then reloaded. */
function stepError(error: unknown): unknown {
  return isApiError(error, 'version_conflict') ? null : error;
}

type Step = 'accept' | 'decline' | 'cancel';

/**
 * Accepting, declining (with a required reason) or withdrawing a request, in a dialog that says what
 * follows: accepting moves the case and its whole history, and the sending province loses access.
 */
export function TransferStepModal({
  transfer,
  step,
  territoryName,
  onClose,
  onDone,
}: {
  transfer: CaseTransfer;
  step: Step;
  territoryName: (code: string) => string;
  onClose: () => void;
  onDone: (transfer: CaseTransfer) => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideTransfer();
  const cancel = useCancelTransfer();
  const reload = useReloadTransfers();
  const mutation = step === 'cancel' ? cancel : decide;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const from = territoryName(transfer.fromTerritoryCode);
  const to = territoryName(transfer.toTerritoryCode);
  const vars = { child: isolate(transfer.childCode), from, to };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step === 'decline' && !note.trim()) {
      setNoteError(t('transfers.decision.reasonRequired'));
      return;
    }
    setNoteError(undefined);
    const options = {
      onSuccess: (saved: CaseTransfer) => onDone(saved),
      onError: (error: unknown) => {
        setNoteError(fieldErrorsOf(error).note);
        // Closed by someone else meanwhile: the lists show it as it is now.
        if (isApiError(error, 'transfer_not_pending') || isApiError(error, 'case_closed')) reload();
      },
    };
    if (step === 'cancel') cancel.mutate({ id: transfer.id, version: transfer.version }, options);
    else
      decide.mutate(
        {
          id: transfer.id,
          accept: step === 'accept',
          note: note.trim() || null,
          version: transfer.version,
        },
        options,
      );
  };

  return (
    <AppModal opened onClose={onClose} title={t(`transfers.${step}.title`, vars)} size="lg">
      <form noValidate onSubmit={submit} data-testid={`transfer-${step}-form`}>
        <Stack gap="sm">
          <Alert
            color={step === 'accept' ? 'orange' : 'blue'}
            variant="light"
            icon={<IconAlertTriangle aria-hidden="true" />}
            data-testid="transfer-step-warning"
          >
            <Text size="sm">{t(`transfers.${step}.consequence`, vars)}</Text>
          </Alert>
          <VersionConflict
            error={mutation.error}
            onReload={() => {
              reload();
              onClose();
            }}
          />
          <ProblemAlert error={noteError ? null : stepError(mutation.error)} />
          {step !== 'cancel' ? (
            <Textarea
              label={step === 'decline' ? t('transfers.decision.reason') : t('transfers.decision.note')}
              description={
                step === 'decline' ? t('transfers.decision.reasonHelp') : t('transfers.decision.noteHelp')
              }
              required={step === 'decline'}
              autosize
              minRows={3}
              maxLength={4000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={noteError}
              data-autofocus
              data-testid="transfer-note"
            />
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('transfers.back')}
            </Button>
            <Button
              type="submit"
              color={step === 'accept' ? undefined : 'red.8'}
              loading={mutation.isPending}
              data-testid="transfer-step-submit"
            >
              {t(`transfers.${step}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
