import {
  addDays,
  casablancaDate,
  daysBetween,
  NOT_DELIVERED_REASONS,
  PLAN_ITEM_STATUSES,
  type PlanItem,
  type PlanItemStatus,
  type PlanSuggestion,
  PROTOCOL_STAGES,
  type ProtocolStage,
  planItemSchema,
  planStatusChangeAllowed,
  SERVICE_BASKET,
  STAGE_MAX_DELAY_DAYS,
} from '@madar/domain';
import {
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../../app/api';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { SaveProblem } from '../../../app/components/SaveProblem';
import { formatDate, formatNumber } from '../../../app/format';
import { institutionName } from '../../../app/reference';
import { useInstitutions } from '../../institutions/api';
import { CaseReferrals, PlanItemReferral } from '../../referrals/CaseReferrals';
import {
  type CaseDetail,
  can,
  caseKeys,
  useAddPlanItem,
  usePlan,
  usePlanSuggestions,
  useUpdatePlanItem,
} from '../api';
import classes from './case.module.css';
import { alertError } from './forms';
import { labelIn, PLAN_STATUS_COLOR, useRefLabels } from './labels';

/** A calendar day (yyyy-mm-dd) shown as dd/mm/yyyy. */
const dayText = (day: string, language: 'ar' | 'fr' | 'en') => formatDate(`${day}T12:00:00Z`, language);

function SuggestionCard({ detail, suggestion }: { detail: CaseDetail; suggestion: PlanSuggestion }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const add = useAddPlanItem(detail.id);
  const [institutionId, setInstitutionId] = useState<string | null>(
    suggestion.candidates.length === 1 ? suggestion.candidates[0]!.id : null,
  );
  const [dueOn, setDueOn] = useState(suggestion.suggestedDueOn);
  const errors = fieldErrorsOf(add.error);
  const code = suggestion.serviceCode;
  const why = [
    ...suggestion.harmForms.map((h) => labels.label('harmForm', h)),
    ...suggestion.situations.map((s) => labels.label('situation', s)),
  ];

  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid={`plan-suggestion-${code}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={700} size="sm">
            {labelIn(suggestion.labels, labels.language)}
          </Text>
          <Badge variant="light" color={suggestion.maxDelayDays <= 1 ? 'red' : 'gray'} size="sm">
            {t('casePage.plan.withinDays', {
              n: formatNumber(suggestion.maxDelayDays, labels.language),
            })}
          </Badge>
        </Group>
        <Text size="xs" c="gray.7">
          {t('casePage.plan.sector')}
          {t('casePage.colon')} {labels.label('sector', suggestion.sectorCode)}
          {' · '}
          {why.length > 0
            ? t('casePage.plan.because', { list: why.join(labels.language === 'ar' ? '، ' : ', ') })
            : t('casePage.plan.everyChild')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select
            label={t('casePage.plan.institution')}
            placeholder={
              suggestion.candidates.length
                ? t('casePage.plan.chooseInstitution')
                : t('casePage.plan.noCandidate')
            }
            data={suggestion.candidates.map((c) => ({
              value: c.id,
              label: institutionName(c, labels.language),
            }))}
            value={institutionId}
            onChange={setInstitutionId}
            clearable
            searchable
            disabled={suggestion.candidates.length === 0}
            error={errors.institutionId}
            size="sm"
            data-testid={`plan-suggestion-institution-${code}`}
          />
          <TextInput
            type="date"
            label={t('casePage.plan.dueOn')}
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
            error={errors.dueOn}
            size="sm"
            data-testid={`plan-suggestion-due-${code}`}
          />
        </SimpleGrid>
        <ProblemAlert error={alertError(add.error, (p) => p === 'institutionId' || p === 'dueOn')} />
        <Group justify="flex-end">
          <Button
            size="sm"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            loading={add.isPending}
            disabled={!dueOn}
            onClick={() =>
              add.mutate(
                {
                  serviceCode: code,
                  sectorCode: suggestion.sectorCode,
                  institutionId,
                  need: null,
                  dueOn,
                },
                {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      message: t('casePage.plan.added', {
                        service: labelIn(suggestion.labels, labels.language),
                      }),
                    }),
                },
              )
            }
            data-testid={`plan-suggestion-add-${code}`}
          >
            {t('casePage.plan.addToPlan')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Suggestions({ detail, planned }: { detail: CaseDetail; planned: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const suggestions = usePlanSuggestions(detail.id, true);
  // A service just added leaves the list at once, before the suggestions are fetched again.
  const items = (suggestions.data?.items ?? []).filter((s) => !planned.has(s.serviceCode));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="suggestions-title">
      <Title order={2} size="h4" mb={4} id="suggestions-title">
        {t('casePage.plan.suggestionsTitle')}
      </Title>
      {suggestions.data ? (
        <Text size="xs" c="gray.7" mb="sm">
          {t(
            suggestions.data.protocol === 'territory'
              ? 'casePage.plan.protocolTerritory'
              : 'casePage.plan.protocolNational',
            { stage: labels.label('stage', suggestions.data.stage) },
          )}
        </Text>
      ) : null}
      {suggestions.isPending ? <Loading /> : null}
      <ProblemAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      {suggestions.data && items.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('casePage.plan.noSuggestion')}
        </Text>
      ) : null}
      <SimpleGrid
        cols={{ base: 1, md: 2 }}
        spacing="sm"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        data-testid="plan-suggestions"
      >
        {items.map((s) => (
          <SuggestionCard key={s.serviceCode} detail={detail} suggestion={s} />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** Adding any service of the basket, beyond what the protocol suggests. */
function AddService({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const add = useAddPlanItem(detail.id);
  const [opened, setOpened] = useState(false);
  const stage = (PROTOCOL_STAGES as readonly string[]).includes(detail.stage)
    ? (detail.stage as ProtocolStage)
    : 'care';
  const defaultDue = addDays(casablancaDate(), STAGE_MAX_DELAY_DAYS[stage]);
  const [serviceCode, setServiceCode] = useState<string | null>(null);
  const [sectorCode, setSectorCode] = useState<string | null>(null);
  const [institutionId, setInstitutionId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState(defaultDue);
  const [need, setNeed] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const institutions = useInstitutions(
    {
      territoryCode: detail.territoryCode,
      sectorCode: sectorCode ?? undefined,
      active: 'true',
      limit: 200,
      offset: 0,
    },
    opened && Boolean(sectorCode),
  );

  const serviceOptions = [
    {
      group: t('casePage.plan.servicesOfStage', { stage: labels.label('stage', stage) }),
      items: SERVICE_BASKET.filter((s) => s.stage === stage).map((s) => ({
        value: s.code,
        label: labelIn(s, labels.language),
      })),
    },
    {
      group: t('casePage.plan.otherServices'),
      items: SERVICE_BASKET.filter((s) => s.stage !== stage).map((s) => ({
        value: s.code,
        label: `${labelIn(s, labels.language)} (${labels.label('stage', s.stage)})`,
      })),
    },
  ];

  const reset = () => {
    setServiceCode(null);
    setSectorCode(null);
    setInstitutionId(null);
    setDueOn(defaultDue);
    setNeed('');
    setErrors({});
    add.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!serviceCode) local.serviceCode = t('validation.required');
    if (!sectorCode) local.sectorCode = t('validation.required');
    if (!dueOn) local.dueOn = t('validation.required');
    setErrors(local);
    if (!serviceCode || !sectorCode || !dueOn) return;
    add.mutate(
      { serviceCode, sectorCode, institutionId, need: need.trim() || null, dueOn },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('casePage.plan.added', { service: labels.label('service', serviceCode) }),
          });
          reset();
          setOpened(false);
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-service-title">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h4" id="add-service-title">
          {t('casePage.plan.addOther')}
        </Title>
        <Button
          variant={opened ? 'default' : 'light'}
          onClick={() => {
            if (opened) reset();
            setOpened((o) => !o);
          }}
          aria-expanded={opened}
          aria-controls="add-service-form"
          data-testid="plan-add-open"
        >
          {opened ? t('common.cancel') : t('casePage.plan.chooseService')}
        </Button>
      </Group>
      <Collapse expanded={opened} id="add-service-form">
        <form noValidate onSubmit={submit}>
          <Stack gap="sm" mt="sm">
            <ProblemAlert
              error={alertError(add.error, (p) =>
                ['serviceCode', 'sectorCode', 'institutionId', 'dueOn', 'need'].includes(p),
              )}
            />
            <Select
              label={t('casePage.plan.service')}
              data={serviceOptions}
              value={serviceCode}
              onChange={(value) => {
                setServiceCode(value);
                setSectorCode(SERVICE_BASKET.find((s) => s.code === value)?.sector ?? null);
                setInstitutionId(null);
              }}
              searchable
              required
              error={errors.serviceCode}
              data-testid="plan-add-service"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select
                label={t('casePage.plan.sector')}
                data={labels.options('sector')}
                value={sectorCode}
                onChange={(value) => {
                  setSectorCode(value);
                  setInstitutionId(null);
                }}
                searchable
                required
                allowDeselect={false}
                error={errors.sectorCode}
                data-testid="plan-add-sector"
              />
              <Select
                label={t('casePage.plan.institution')}
                placeholder={t('casePage.plan.chooseInstitution')}
                data={(institutions.data?.items ?? []).map((i) => ({
                  value: i.id,
                  label: institutionName(i, labels.language),
                }))}
                value={institutionId}
                onChange={setInstitutionId}
                searchable
                clearable
                disabled={!sectorCode}
                nothingFoundMessage={t('common.noResults')}
                error={errors.institutionId}
                data-testid="plan-add-institution"
              />
              <TextInput
                type="date"
                label={t('casePage.plan.dueOn')}
                required
                value={dueOn}
                onChange={(e) => setDueOn(e.currentTarget.value)}
                error={errors.dueOn}
                data-testid="plan-add-due"
              />
            </SimpleGrid>
            <Textarea
              label={t('casePage.plan.need')}
              description={t('casePage.plan.needHelp')}
              autosize
              minRows={2}
              maxLength={4000}
              value={need}
              onChange={(e) => setNeed(e.currentTarget.value)}
              error={errors.need}
              data-testid="plan-add-need"
            />
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending} data-testid="plan-add-submit">
                {t('casePage.plan.addToPlan')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Collapse>
    </Paper>
  );
}

function PlanItemCard({ detail, item, editable }: { detail: CaseDetail; item: PlanItem; editable: boolean }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const client = useQueryClient();
  const update = useUpdatePlanItem(detail.id);
  const [status, setStatus] = useState<PlanItemStatus>(item.status);
  const [reason, setReason] = useState<string | null>(item.notDeliveredReason);
  const [dueOn, setDueOn] = useState(item.dueOn);
  const errors = fieldErrorsOf(update.error);
  const changed =
    status !== item.status ||
    dueOn !== item.dueOn ||
    (status === 'not_delivered' && reason !== item.notDeliveredReason);
  const daysLate = item.overdue ? daysBetween(item.dueOn, casablancaDate()) : 0;

  const save = () => {
    if (status === 'not_delivered' && !reason) return;
    update.mutate(
      {
        id: item.id,
        body: {
          status,
          notDeliveredReason: status === 'not_delivered' ? (reason as PlanItem['notDeliveredReason']) : null,
          institutionId: item.institution?.id ?? null,
          dueOn,
          need: item.need,
          version: item.version,
        },
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }) },
    );
  };

  return (
    <Paper
      component="li"
      withBorder
      radius="sm"
      p="sm"
      className={item.overdue ? classes.overdue : undefined}
      data-testid={`plan-item-${item.id}`}
      data-status={item.status}
      data-overdue={item.overdue || undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={700} size="sm">
            {labels.label('service', item.serviceCode)}
          </Text>
          <Group gap={4}>
            {item.overdue ? (
              <Badge
                color="red.9"
                variant="filled"
                size="sm"
                leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}
              >
                {t('casePage.plan.overdueBy', { n: formatNumber(daysLate, labels.language) })}
              </Badge>
            ) : null}
            <Badge color={PLAN_STATUS_COLOR[item.status]} variant="light" size="sm">
              {t(`casePage.plan.status.${item.status}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="xs" c="gray.8">
          {labels.label('sector', item.sectorCode)}
          {' · '}
          {item.institution
            ? `${institutionName(item.institution, labels.language)}${item.institution.active ? '' : ` (${t('casePage.plan.inactiveInstitution')})`}`
            : t('casePage.plan.noInstitution')}
        </Text>
        <Text size="xs" c={item.overdue ? 'red.8' : 'gray.8'} fw={item.overdue ? 700 : 400}>
          {t('casePage.plan.dueOn')}
          {t('casePage.colon')} {dayText(item.dueOn, labels.language)}
          {' · '}
          {t('casePage.plan.plannedAt', { stage: labels.label('stage', item.stage) })}
        </Text>
        {item.need ? (
          <Text size="sm" className={classes.quote} dir="auto">
            {item.need}
          </Text>
        ) : null}
        <PlanItemReferral detail={detail} item={item} />
        {item.status === 'not_delivered' && item.notDeliveredReason ? (
          <Text size="xs" c="red.8">
            {t('casePage.plan.notDeliveredReason')}
            {t('casePage.colon')} {t(`casePage.plan.notDelivered.${item.notDeliveredReason}`)}
          </Text>
        ) : null}
        {editable ? (
          <Stack gap="xs" mt={4}>
            <SaveProblem
              error={update.error}
              schema={planItemSchema}
              onReload={(current) => {
                client.setQueryData<{ items: PlanItem[] }>(caseKeys.plan(detail.id), (old) =>
                  old ? { items: old.items.map((i) => (i.id === current.id ? current : i)) } : old,
                );
                setStatus(current.status);
                setReason(current.notDeliveredReason);
                setDueOn(current.dueOn);
              }}
              reset={update.reset}
              shown={(p) => ['status', 'notDeliveredReason', 'dueOn'].includes(p)}
            />
            <Group gap="xs" align="flex-end">
              <Select
                label={t('casePage.plan.statusLabel')}
                data={PLAN_ITEM_STATUSES.filter(
                  (s) => s === item.status || planStatusChangeAllowed(item.status, s),
                ).map((s) => ({ value: s, label: t(`casePage.plan.status.${s}`) }))}
                value={status}
                onChange={(value) => value && setStatus(value as PlanItemStatus)}
                allowDeselect={false}
                error={errors.status}
                size="sm"
                style={{ flex: '1 1 150px' }}
                data-testid={`plan-item-status-${item.id}`}
              />
              {status === 'not_delivered' ? (
                <Select
                  label={t('casePage.plan.notDeliveredReason')}
                  placeholder={t('casePage.circuit.chooseReason')}
                  data={NOT_DELIVERED_REASONS.map((r) => ({
                    value: r,
                    label: t(`casePage.plan.notDelivered.${r}`),
                  }))}
                  value={reason}
                  onChange={setReason}
                  required
                  error={errors.notDeliveredReason}
                  size="sm"
                  style={{ flex: '1 1 180px' }}
                  data-testid={`plan-item-reason-${item.id}`}
                />
              ) : null}
              <TextInput
                type="date"
                label={t('casePage.plan.dueOn')}
                value={dueOn}
                onChange={(e) => setDueOn(e.currentTarget.value)}
                error={errors.dueOn}
                size="sm"
                style={{ flex: '1 1 150px' }}
                data-testid={`plan-item-due-${item.id}`}
              />
              <Button
                size="sm"
                onClick={save}
                loading={update.isPending}
                disabled={!changed || (status === 'not_delivered' && !reason)}
                data-testid={`plan-item-save-${item.id}`}
              >
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function PlanSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const plan = usePlan(detail.id);
  const mayPlan = can(detail, 'update') && detail.closedAt === null;
  const items = plan.data?.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  const labels = useRefLabels();

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-title">
        <Group justify="space-between" gap="xs" mb="sm">
          <Title order={2} size="h4" id="plan-title">
            {t('casePage.plan.title')}
          </Title>
          {overdue > 0 ? (
            <Badge color="red" variant="light" data-testid="plan-overdue-count">
              {t('casePage.plan.overdueCount', { n: formatNumber(overdue, labels.language) })}
            </Badge>
          ) : null}
        </Group>
        {plan.isPending ? <Loading /> : null}
        <ProblemAlert error={plan.error} onRetry={() => void plan.refetch()} />
        {plan.data && items.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('casePage.plan.empty')}
          </Text>
        ) : null}
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="plan-items">
          {items.map((item) => (
            <PlanItemCard key={`${item.id}-${item.version}`} detail={detail} item={item} editable={mayPlan} />
          ))}
        </Stack>
        {!mayPlan ? (
          <Text size="xs" c="gray.7" mt="sm">
            {detail.closedAt ? t('casePage.closedReadOnly') : t('casePage.readOnlyRole')}
          </Text>
        ) : null}
      </Paper>
      <CaseReferrals detail={detail} />
      {mayPlan ? <Suggestions detail={detail} planned={new Set(items.map((i) => i.serviceCode))} /> : null}
      {mayPlan ? <AddService detail={detail} /> : null}
    </Stack>
  );
}
