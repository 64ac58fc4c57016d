import {
  type AllowedTransition,
  allowedTransitions,
  CIRCUIT_STAGES,
  type CircuitStage,
  OPEN_PLAN_ITEM_STATUSES,
} from '@madar/domain';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowNarrowLeft, IconArrowNarrowRight, IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../../app/api';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { SaveProblem } from '../../../app/components/SaveProblem';
import { formatDateTime, formatNumber } from '../../../app/format';
import { CaseTransferPanel } from '../../transfers/CaseTransferPanel';
import {
  type CaseDetail,
  can,
  useAssignCase,
  usePlan,
  useReloadCase,
  useTransition,
  useUpdateCase,
} from '../api';
import { useCaseworkers } from '../caseloadApi';
import classes from './case.module.css';
import { hasFieldCode } from './forms';
import { useRefLabels } from './labels';

/** The arrow that points forward in the reading direction. */
function ForwardArrow({ language }: { language: string }) {
  return language === 'ar' ? (
    <IconArrowNarrowLeft size={16} aria-hidden="true" />
  ) : (
    <IconArrowNarrowRight size={16} aria-hidden="true" />
  );
}

function nextStage(stage: CircuitStage): CircuitStage | null {
  if (stage === 'closed') return 'initial_diagnosis';
  return CIRCUIT_STAGES[CIRCUIT_STAGES.indexOf(stage) + 1] ?? null;
}

/** Fields the transition form shows; a problem on another field is said in the alert. */
const TRANSITION_FIELDS = new Set(['to', 'reason', 'closureReason', 'confirmOpenServices']);

function TransitionForm({
  detail,
  initialTo,
  onDone,
}: {
  detail: CaseDetail;
  initialTo: CircuitStage;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const transition = useTransition(detail.id);
  const reload = useReloadCase(detail.id);
  const plan = usePlan(detail.id);
  const allowed = useMemo(() => allowedTransitions(detail.stage), [detail.stage]);
  const [to, setTo] = useState<CircuitStage>(initialTo);
  const [reason, setReason] = useState('');
  const [closureReason, setClosureReason] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const move: AllowedTransition | undefined = allowed.find((a) => a.to === to);
  const closing = to === 'closed';
  const reasonRequired = Boolean(move?.requires.includes('reason')) || (closing && closureReason === 'other');
  const coordinator = can(detail, 'approveClosure');
  const openServices = (plan.data?.items ?? []).filter((i) =>
    OPEN_PLAN_ITEM_STATUSES.includes(i.status),
  ).length;
  const serverAsksConfirmation = hasFieldCode(
    transition.error,
    'closure_with_open_services_needs_confirmation',
  );
  const showConfirm = closing && (openServices > 0 || serverAsksConfirmation);

  const kindHint = (a: AllowedTransition) => {
    if (a.kind === 'closure')
      return coordinator ? t('casePage.circuit.kind.closure') : t('casePage.circuit.kind.closureRequest');
    return t(`casePage.circuit.kind.${a.kind}`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (reasonRequired && !reason.trim()) local.reason = t('casePage.circuit.reasonRequired');
    if (closing && !closureReason) local.closureReason = t('casePage.circuit.closureReasonRequired');
    if (showConfirm && !confirmOpen) local.confirmOpenServices = t('casePage.circuit.confirmOpenRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    transition.mutate(
      {
        to,
        reason: reason.trim() || null,
        closureReason: closing ? closureReason : null,
        confirmOpenServices: closing && confirmOpen,
        version: detail.version,
      },
      {
        onSuccess: (summary) => {
          const requested = closing && summary.stage !== 'closed' && summary.closureRequest !== null;
          notifications.show({
            color: 'teal',
            message: requested
              ? t('casePage.circuit.closureRequested')
              : t('casePage.circuit.moved', { stage: labels.label('stage', summary.stage) }),
          });
          onDone();
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="transition-form">
      <Stack gap="sm">
        <SaveProblem
          error={transition.error}
          onReload={(current) => {
            reload(current);
            onDone();
          }}
          reset={transition.reset}
          shown={(path) => TRANSITION_FIELDS.has(path)}
        />
        <Select
          label={t('casePage.circuit.to')}
          data={allowed.map((a) => ({
            value: a.to,
            label: `${labels.label('stage', a.to)} — ${kindHint(a)}`,
          }))}
          value={to}
          onChange={(value) => {
            if (value) setTo(value as CircuitStage);
            setErrors({});
            transition.reset();
          }}
          allowDeselect={false}
          required
          error={errors.to}
          data-testid="transition-to"
        />
        {closing ? (
          <>
            <Select
              label={t('casePage.circuit.closureReason')}
              placeholder={t('casePage.circuit.chooseReason')}
              data={labels.options('closureReason')}
              value={closureReason}
              onChange={setClosureReason}
              required
              error={errors.closureReason}
              data-testid="closure-reason"
            />
            {!coordinator ? (
              <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
                <Text size="sm">{t('casePage.circuit.closureNeedsApproval')}</Text>
              </Alert>
            ) : null}
          </>
        ) : null}
        <Textarea
          label={t('casePage.circuit.reason')}
          description={
            reasonRequired
              ? t('casePage.circuit.reasonRequiredHelp')
              : t('casePage.circuit.reasonOptionalHelp')
          }
          required={reasonRequired}
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          data-testid="transition-reason"
        />
        {showConfirm ? (
          <Checkbox
            color="red.8"
            label={t('casePage.circuit.confirmOpenServices', {
              n: formatNumber(openServices, labels.language),
            })}
            description={t('casePage.circuit.confirmOpenServicesHelp')}
            checked={confirmOpen}
            onChange={(e) => setConfirmOpen(e.currentTarget.checked)}
            error={errors.confirmOpenServices}
            data-testid="closure-confirm-open-services"
          />
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color={closing ? 'red.8' : undefined}
            loading={transition.isPending}
            data-testid="transition-submit"
          >
            {closing
              ? coordinator
                ? t('casePage.circuit.closeCase')
                : t('casePage.circuit.requestClosure')
              : t('casePage.circuit.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function StagePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const [formFor, setFormFor] = useState<CircuitStage | null>(null);
  const next = nextStage(detail.stage);
  const mayMove = can(detail, 'update');
  const pendingClosure = detail.closureRequest !== null;

  const nextLabel = () => {
    if (detail.stage === 'closed') return t('casePage.circuit.reopen');
    if (next === 'closed')
      return can(detail, 'approveClosure')
        ? t('casePage.circuit.closeCase')
        : t('casePage.circuit.requestClosure');
    return t('casePage.circuit.moveTo', { stage: labels.label('stage', next) });
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="stage-title">
      <Title order={2} size="h4" mb="xs" id="stage-title">
        {t('casePage.circuit.stageTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('casePage.circuit.currentStage')}{' '}
        <Text span fw={700}>
          {labels.label('stage', detail.stage)}
        </Text>
      </Text>
      {!mayMove ? (
        <Text size="sm" c="gray.7">
          {t('casePage.circuit.readOnly')}
        </Text>
      ) : formFor ? (
        <TransitionForm key={formFor} detail={detail} initialTo={formFor} onDone={() => setFormFor(null)} />
      ) : (
        <Stack gap="xs">
          {pendingClosure ? (
            <Text size="sm" c="orange.9">
              {t('casePage.circuit.closurePending')}
            </Text>
          ) : null}
          <Group gap="xs">
            {next ? (
              <Button
                onClick={() => setFormFor(next)}
                rightSection={<ForwardArrow language={labels.language} />}
                color={next === 'closed' ? 'red.8' : undefined}
                data-testid="stage-next"
              >
                {nextLabel()}
              </Button>
            ) : null}
            {allowedTransitions(detail.stage).length > 1 ? (
              <Button
                variant="default"
                onClick={() =>
                  setFormFor(detail.stage === 'closed' ? 'initial_diagnosis' : (next ?? detail.stage))
                }
                data-testid="stage-other"
              >
                {t('casePage.circuit.otherMove')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function AssignmentPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const workers = useCaseworkers(detail.territoryCode);
  const assign = useAssignCase(detail.id);
  const reload = useReloadCase(detail.id);
  const [workerId, setWorkerId] = useState<string | null>(detail.assignedWorkerId);
  const options = (workers.data ?? []).map((w) => ({ value: w.id, label: w.fullName }));
  // A worker who left the CAPE stays named until the case is given to someone else.
  if (detail.assignedWorkerId && !options.some((o) => o.value === detail.assignedWorkerId)) {
    options.unshift({ value: detail.assignedWorkerId, label: detail.assignedWorkerName ?? '' });
  }
  const closed = detail.closedAt !== null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="assign-title">
      <Title order={2} size="h4" mb="sm" id="assign-title">
        {t('casePage.circuit.assignTitle')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate(
            { workerId, version: detail.version },
            {
              onSuccess: () => notifications.show({ color: 'teal', message: t('casePage.circuit.assigned') }),
            },
          );
        }}
      >
        <Stack gap="sm">
          <SaveProblem
            error={assign.error}
            onReload={reload}
            reset={assign.reset}
            shown={(path) => path === 'workerId'}
          />
          <ProblemAlert error={workers.error} />
          <Group align="flex-end" gap="xs">
            <Select
              label={t('casePage.circuit.worker')}
              placeholder={t('casePage.header.unassigned')}
              data={options}
              value={workerId}
              onChange={setWorkerId}
              clearable
              searchable
              disabled={closed || workers.isPending}
              error={fieldErrorsOf(assign.error).workerId}
              style={{ flex: '1 1 220px' }}
              data-testid="assign-worker"
            />
            <Button
              type="submit"
              loading={assign.isPending}
              disabled={closed || workerId === detail.assignedWorkerId}
              data-testid="assign-submit"
            >
              {t('casePage.circuit.assign')}
            </Button>
          </Group>
          {closed ? (
            <Text size="xs" c="gray.7">
              {t('casePage.closedReadOnly')}
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function SituationsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const update = useUpdateCase(detail.id);
  const reload = useReloadCase(detail.id);
  const [situations, setSituations] = useState<string[]>(detail.situations);
  const [harmForms, setHarmForms] = useState<string[]>(detail.harmForms);
  const editable = can(detail, 'update') && detail.closedAt === null;
  const errors = fieldErrorsOf(update.error);
  const changed =
    situations.join(',') !== detail.situations.join(',') ||
    harmForms.join(',') !== detail.harmForms.join(',');

  if (!editable) {
    return (
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="situations-title">
        <Title order={2} size="h4" mb="sm" id="situations-title">
          {t('casePage.circuit.situationsTitle')}
        </Title>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('casePage.circuit.situations')}
          </Text>
          <Group gap={6}>
            {detail.situations.map((s) => (
              <Badge key={s} variant="light" color="gray">
                {labels.label('situation', s)}
              </Badge>
            ))}
          </Group>
          <Text size="sm" fw={500}>
            {t('casePage.circuit.harmForms')}
          </Text>
          <Group gap={6}>
            {detail.harmForms.map((h) => (
              <Badge key={h} variant="light" color="grape">
                {labels.label('harmForm', h)}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="situations-title">
      <Title order={2} size="h4" mb="sm" id="situations-title">
        {t('casePage.circuit.situationsTitle')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { situations, harmForms, version: detail.version },
            { onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }) },
          );
        }}
      >
        <Stack gap="sm">
          <SaveProblem
            error={update.error}
            // The panel starts again from the case as it is now (it is keyed by the case's version).
            onReload={reload}
            reset={update.reset}
            shown={(path) => /^(situations|harmForms)(\.|$)/.test(path)}
          />
          <MultiSelect
            label={t('casePage.circuit.situations')}
            description={t('casePage.circuit.situationsHelp')}
            data={labels.options('situation')}
            value={situations}
            onChange={setSituations}
            searchable
            clearable
            error={errors.situations}
            data-testid="case-situations"
          />
          <MultiSelect
            label={t('casePage.circuit.harmForms')}
            data={labels.options('harmForm')}
            value={harmForms}
            onChange={setHarmForms}
            searchable
            clearable
            error={errors.harmForms}
            data-testid="case-harm-forms"
          />
          <Text size="xs" c="gray.7">
            {t('casePage.circuit.situationsPlanHint')}
          </Text>
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={update.isPending}
              disabled={!changed}
              data-testid="case-situations-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TransitionHistory({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const items = [...detail.transitions].reverse();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="history-title">
      <Title order={2} size="h4" mb="sm" id="history-title">
        {t('casePage.circuit.historyTitle')}
      </Title>
      <Stack
        gap="sm"
        component="ol"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        data-testid="transition-history"
      >
        {items.map((tr) => (
          <Paper key={`${tr.at}-${tr.toStage}`} component="li" withBorder radius="sm" p="sm" bg="gray.0">
            <Group justify="space-between" gap="xs" align="flex-start">
              <Text size="sm" fw={700}>
                {tr.fromStage
                  ? t('casePage.circuit.fromTo', {
                      from: labels.label('stage', tr.fromStage),
                      to: labels.label('stage', tr.toStage),
                    })
                  : t('casePage.circuit.opened', { stage: labels.label('stage', tr.toStage) })}
              </Text>
              <Text size="xs" c="gray.7">
                {formatDateTime(tr.at, labels.language)}
              </Text>
            </Group>
            <Text size="sm" c="gray.8">
              {t('casePage.circuit.by', { name: tr.actorName })}
              {tr.approvedByName ? ` · ${t('casePage.circuit.approvedBy', { name: tr.approvedByName })}` : ''}
            </Text>
            {tr.closureReason ? (
              <Text size="sm">
                {t('casePage.circuit.closureReason')}
                {t('casePage.colon')} {labels.label('closureReason', tr.closureReason)}
              </Text>
            ) : null}
            {tr.reason ? (
              <Text size="sm" className={classes.quote} dir="auto" mt={4}>
                {t('casePage.circuit.why')}
                {t('casePage.colon')} {tr.reason}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

export function CircuitSection({ detail }: { detail: CaseDetail }) {
  return (
    <Stack gap="md">
      <StagePanel detail={detail} />
      {can(detail, 'assign') ? <AssignmentPanel key={detail.version} detail={detail} /> : null}
      <SituationsPanel key={`s-${detail.version}`} detail={detail} />
      <CaseTransferPanel
        kase={{ id: detail.id, territoryCode: detail.territoryCode, childCode: detail.child.code }}
      />
      <TransitionHistory detail={detail} />
    </Stack>
  );
}
