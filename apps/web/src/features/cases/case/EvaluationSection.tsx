import {
  type Evaluation,
  type InstrumentDetail,
  OPEN_PLAN_ITEM_STATUSES,
  PLAN_ITEM_STATUSES,
  RECOMMENDATIONS,
  type Recommendation,
} from '@madar/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconEqual, IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import {
  type CaseDetail,
  useActiveInstrument,
  useAssessments,
  useCreateEvaluation,
  useEvaluations,
  usePlan,
} from '../api';
import {
  type AssessmentDraft,
  AssessmentFields,
  answersOf,
  decidedOrientation,
  draftErrors,
  emptyDraft,
  useDraftScore,
} from './AssessmentFields';
import { ASSESSMENT_FIELD, AssessmentCard, assessmentErrors } from './AssessmentSection';
import { CardHistory } from './CardHistory';
import { DangerBadge } from './CaseHeader';
import classes from './case.module.css';
import { alertError } from './forms';
import { labelIn, PLAN_STATUS_COLOR, useLanguage, useRefLabels } from './labels';
import { NewCardPanel } from './NewCardPanel';

type Mode = 'latest' | 'new';
type Trend = 'improved' | 'unchanged' | 'worsened';

const TREND_COLOR: Record<Trend, string> = { improved: 'teal.9', unchanged: 'gray.8', worsened: 'red.9' };

/** The arrow says which way the number went; its colour says whether that is better or worse. */
function TrendMark({ delta, trend }: { delta: number; trend: Trend }) {
  const { t } = useTranslation();
  const Icon = delta > 0 ? IconArrowUp : delta < 0 ? IconArrowDown : IconEqual;
  return (
    <Group gap={4} wrap="nowrap" c={TREND_COLOR[trend]}>
      <Icon size={16} aria-hidden="true" />
      <Text size="xs" fw={600} c={TREND_COLOR[trend]} visibleFrom="sm">
        {t(`casePage.evaluation.trend.${trend}`)}
      </Text>
      <VisuallyHidden hiddenFrom="sm">{t(`casePage.evaluation.trend.${trend}`)}</VisuallyHidden>
    </Group>
  );
}

function EvaluationForm({
  detail,
  instrument,
  onDone,
}: {
  detail: CaseDetail;
  instrument: InstrumentDetail;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const assessments = useAssessments(detail.id);
  const plan = usePlan(detail.id);
  const create = useCreateEvaluation(detail.id);
  const sameInstrument = (assessments.data?.items ?? []).filter(
    (a) => a.instrumentVersion === instrument.version,
  );
  const latest = assessments.data?.items[0];
  const canCompareLatest = sameInstrument.length >= 2 && latest?.instrumentVersion === instrument.version;
  const [mode, setMode] = useState<Mode>(canCompareLatest ? 'latest' : 'new');
  const [draft, setDraft] = useState<AssessmentDraft>(() => emptyDraft(instrument.document));
  const [servicesEffect, setServicesEffect] = useState('');
  const [recommendation, setRecommendation] = useState<Recommendation | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const score = useDraftScore(instrument.document, draft);
  const items = plan.data?.items ?? [];
  const count = (pred: (s: string) => boolean) => items.filter((i) => pred(i.status)).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> =
      mode === 'new' ? draftErrors(instrument.document, draft, score, t) : {};
    if (!servicesEffect.trim()) local.servicesEffect = t('validation.required');
    if (!recommendation) local.recommendation = t('casePage.evaluation.chooseRecommendation');
    setErrors(local);
    if (Object.keys(local).length > 0 || !recommendation) return;
    const common = {
      servicesEffect: servicesEffect.trim(),
      recommendation,
      overrideJustification: mode === 'new' ? draft.justification.trim() || null : null,
    };
    const body =
      mode === 'new'
        ? {
            ...common,
            answers: answersOf(draft),
            confirmedOrientation: decidedOrientation(score, draft) ?? undefined,
          }
        : { ...common, currentAssessmentId: latest?.id ?? null };
    create.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('casePage.evaluation.saved') });
        onDone();
      },
      onError: (error) => setErrors(assessmentErrors(error)),
    });
  };

  return (
    <form noValidate onSubmit={submit} data-testid="evaluation-form">
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="evaluation-mode-label">
            {t('casePage.evaluation.current')}
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            data={[
              { value: 'latest', label: t('casePage.evaluation.useLatest') },
              { value: 'new', label: t('casePage.evaluation.newAssessment') },
            ]}
            fullWidth
            aria-labelledby="evaluation-mode-label"
            data-testid="evaluation-mode"
          />
          <Text size="xs" c="gray.7">
            {t('casePage.evaluation.baselineHelp')}
          </Text>
        </Stack>
        {mode === 'latest' ? (
          latest ? (
            <Stack gap="xs">
              <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                <AssessmentCard assessment={latest} instrument={instrument} />
              </Stack>
              {!canCompareLatest ? (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
                  <Text size="sm">{t('casePage.evaluation.needTwo')}</Text>
                </Alert>
              ) : null}
            </Stack>
          ) : (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
              <Text size="sm">{t('casePage.evaluation.noAssessment')}</Text>
            </Alert>
          )
        ) : (
          <AssessmentFields instrument={instrument} draft={draft} onChange={setDraft} errors={errors} />
        )}
        {errors.currentAssessmentId ? (
          <Text size="sm" c="red.8" role="alert">
            {errors.currentAssessmentId}
          </Text>
        ) : null}
        <Textarea
          label={t('casePage.evaluation.servicesEffect')}
          description={t('casePage.evaluation.servicesEffectHelp', {
            delivered: formatNumber(
              count((s) => s === 'delivered'),
              language,
            ),
            notDelivered: formatNumber(
              count((s) => s === 'not_delivered'),
              language,
            ),
            open: formatNumber(
              count((s) => OPEN_PLAN_ITEM_STATUSES.includes(s as never)),
              language,
            ),
          })}
          autosize
          minRows={3}
          maxLength={10_000}
          required
          value={servicesEffect}
          onChange={(e) => setServicesEffect(e.currentTarget.value)}
          error={errors.servicesEffect}
          data-testid="evaluation-effect"
        />
        <Radio.Group
          label={t('casePage.evaluation.recommendation')}
          value={recommendation}
          onChange={(v) => setRecommendation(v as Recommendation)}
          required
          error={errors.recommendation}
          data-testid="evaluation-recommendation"
        >
          <Group gap="md" mt={6}>
            {RECOMMENDATIONS.map((r) => (
              <Radio
                key={r}
                value={r}
                label={t(`casePage.evaluation.recommendations.${r}`)}
                data-testid={`evaluation-recommendation-${r}`}
              />
            ))}
          </Group>
        </Radio.Group>
        {recommendation === 'close' ? (
          <Text size="xs" c="gray.7">
            {t('casePage.evaluation.closeHint')}
          </Text>
        ) : null}
        <ProblemAlert
          error={alertError(
            create.error,
            (p) =>
              ASSESSMENT_FIELD(p) || ['servicesEffect', 'recommendation', 'currentAssessmentId'].includes(p),
          )}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="evaluation-submit">
            {t('casePage.evaluation.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EvaluationCard({
  evaluation,
  instrument,
}: {
  evaluation: Evaluation;
  instrument?: InstrumentDetail;
}) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const language = labels.language;
  const c = evaluation.comparison;
  const doc = instrument?.version === c.instrumentVersion ? instrument.document : undefined;
  const flag = (code: string) =>
    labelIn(
      doc?.red_flags.items.find((f) => f.code === code),
      language,
    ) || code;
  const n = (value: number) => formatNumber(value, language);

  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid={`evaluation-${evaluation.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Badge
            variant="light"
            color={
              evaluation.recommendation === 'close'
                ? 'grape'
                : evaluation.recommendation === 'adjust_plan'
                  ? 'orange'
                  : 'blue'
            }
          >
            {t(`casePage.evaluation.recommendations.${evaluation.recommendation}`)}
          </Badge>
          <Text size="xs" c="gray.7">
            {formatDateTime(evaluation.createdAt, language)} · {evaluation.createdByName}
          </Text>
        </Group>
        {evaluation.servicesEffect ? (
          <>
            <Text size="xs" c="gray.7" fw={500}>
              {t('casePage.evaluation.servicesEffect')}
            </Text>
            <Text size="sm" className={classes.quote} dir="auto">
              {evaluation.servicesEffect}
            </Text>
          </>
        ) : null}
        <Text size="xs" c="gray.7">
          {t('casePage.evaluation.comparedDates', {
            initial: formatDate(c.baselineAssessedAt, language),
            current: formatDate(c.currentAssessedAt, language),
          })}
        </Text>
        <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="evaluation-comparison">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('casePage.evaluation.domain')}</Table.Th>
              <Table.Th ta="center">{t('casePage.evaluation.then')}</Table.Th>
              <Table.Th ta="center">{t('casePage.evaluation.now')}</Table.Th>
              <Table.Th>{t('casePage.evaluation.trendLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.domains.map((d) => (
              <Table.Tr key={d.code}>
                <Table.Td>{labelIn(d, language)}</Table.Td>
                <Table.Td ta="center">{n(d.initial)}</Table.Td>
                <Table.Td ta="center">{n(d.current)}</Table.Td>
                <Table.Td>
                  <TrendMark delta={d.delta} trend={d.trend} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('casePage.assessment.total')}</Table.Td>
              <Table.Td ta="center">{n(c.total.initial)}</Table.Td>
              <Table.Td ta="center">{n(c.total.current)}</Table.Td>
              <Table.Td>
                <TrendMark delta={c.total.delta} trend={c.total.trend} />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t('casePage.assessment.level')}
            {t('casePage.colon')}
          </Text>
          <DangerBadge level={c.level.initial} size="sm" />
          <Text size="sm" aria-hidden="true">
            {language === 'ar' ? '←' : '→'}
          </Text>
          <VisuallyHidden>{t('casePage.evaluation.becomes')}</VisuallyHidden>
          <DangerBadge level={c.level.current} size="sm" />
          <TrendMark
            delta={c.level.trend === 'improved' ? -1 : c.level.trend === 'worsened' ? 1 : 0}
            trend={c.level.trend}
          />
        </Group>
        {c.redFlags.resolved.length > 0 ? (
          <Text size="xs" c="teal.9">
            {t('casePage.evaluation.flagsResolved')}
            {t('casePage.colon')} {c.redFlags.resolved.map(flag).join(' · ')}
          </Text>
        ) : null}
        {c.redFlags.appeared.length > 0 ? (
          <Text size="xs" c="red.8">
            {t('casePage.evaluation.flagsAppeared')}
            {t('casePage.colon')} {c.redFlags.appeared.map(flag).join(' · ')}
          </Text>
        ) : null}
        <Text size="xs" c="gray.7" fw={500}>
          {t('casePage.evaluation.services', { n: n(c.services.total) })}
        </Text>
        <Group gap={4} data-testid="evaluation-services">
          {PLAN_ITEM_STATUSES.map((s) => (
            <Badge key={s} size="sm" variant="light" color={PLAN_STATUS_COLOR[s]}>
              {t(`casePage.plan.status.${s}`)}
              {t('casePage.colon')} {n(c.services.byStatus[s] ?? 0)}
            </Badge>
          ))}
        </Group>
        {c.services.delivered.length > 0 ? (
          <Text size="xs">
            {t('casePage.evaluation.delivered')}
            {t('casePage.colon')}{' '}
            {c.services.delivered.map((code) => labels.label('service', code)).join(' · ')}
          </Text>
        ) : null}
        {c.services.notDelivered.length > 0 ? (
          <Text size="xs" c="red.8">
            {t('casePage.evaluation.notDelivered')}
            {t('casePage.colon')}{' '}
            {c.services.notDelivered.map((code) => labels.label('service', code)).join(' · ')}
          </Text>
        ) : null}
        {c.earlierInstrumentIgnored ? (
          <Text size="xs" c="gray.7">
            {t('casePage.evaluation.earlierIgnored')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function EvaluationSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const instrument = useActiveInstrument();
  const evaluations = useEvaluations(detail.id);
  // The form chooses its starting mode from the assessments already recorded.
  const assessments = useAssessments(detail.id);
  const [writing, setWriting] = useState(false);

  return (
    <Stack gap="md">
      <NewCardPanel
        detail={detail}
        id="evaluation-title"
        title={t('casePage.evaluation.title')}
        intro={t('casePage.evaluation.intro')}
        newLabel={t('casePage.evaluation.new')}
        newTestId="evaluation-new"
        writing={writing}
        onWrite={() => setWriting(true)}
      >
        <ProblemAlert error={instrument.error} onRetry={() => void instrument.refetch()} />
        <ProblemAlert error={assessments.error} onRetry={() => void assessments.refetch()} />
        {writing && instrument.data && assessments.data ? (
          <EvaluationForm detail={detail} instrument={instrument.data} onDone={() => setWriting(false)} />
        ) : writing ? (
          <Loading />
        ) : null}
      </NewCardPanel>
      <CardHistory
        id="evaluations-title"
        title={t('casePage.evaluation.history')}
        emptyText={t('casePage.evaluation.none')}
        query={evaluations}
        testId="evaluation-list"
        render={(e) => <EvaluationCard key={e.id} evaluation={e} instrument={instrument.data} />}
      />
    </Stack>
  );
}
