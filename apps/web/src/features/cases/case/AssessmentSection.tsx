import type { Assessment, InstrumentDetail } from '@madar/domain';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../../app/format';
import { fieldErrorsByPath } from '../../reports/problems';
import { type CaseDetail, useActiveInstrument, useAssessments, useCreateAssessment } from '../api';
import {
  type AssessmentDraft,
  AssessmentFields,
  answersOf,
  decidedOrientation,
  draftErrors,
  emptyDraft,
  useDraftScore,
} from './AssessmentFields';
import { CardHistory } from './CardHistory';
import { DangerBadge } from './CaseHeader';
import classes from './case.module.css';
import { alertError } from './forms';
import { isolate, labelIn, useLanguage } from './labels';
import { NewCardPanel } from './NewCardPanel';

/** Server field problems of an assessment, by the draft's own paths. */
export function assessmentErrors(error: unknown, prefix = 'answers'): Record<string, string> {
  const all = fieldErrorsByPath(error);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(all)) {
    if (path.startsWith(`${prefix}.`)) {
      const inner = path.slice(prefix.length + 1);
      out[inner.startsWith('redFlags') ? 'redFlags' : inner] ??= message;
    } else out[path] ??= message;
  }
  return out;
}

export const ASSESSMENT_FIELD = (path: string) =>
  /^answers\.(items|redFlags)\./.test(path) ||
  path === 'confirmedOrientation' ||
  path === 'overrideJustification';

function scrollToFirstError(errors: Record<string, string>) {
  const first = Object.keys(errors).find((k) => k.startsWith('items.'));
  if (first)
    document.getElementById(`assessment-item-${first.slice(6)}`)?.scrollIntoView({ block: 'center' });
}

function NewAssessment({
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
  const create = useCreateAssessment(detail.id);
  const [draft, setDraft] = useState<AssessmentDraft>(() => emptyDraft(instrument.document));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const score = useDraftScore(instrument.document, draft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = draftErrors(instrument.document, draft, score, t);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      scrollToFirstError(local);
      return;
    }
    const orientation = decidedOrientation(score, draft);
    if (!orientation) return;
    create.mutate(
      {
        answers: answersOf(draft),
        confirmedOrientation: orientation,
        overrideJustification: draft.justification.trim() || null,
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: t('casePage.assessment.recorded', {
              orientation: labelIn(
                instrument.document.orientations.find((o) => o.code === saved.confirmedOrientation),
                language,
              ),
            }),
          });
          onDone();
        },
        onError: (error) => {
          const server = assessmentErrors(error);
          setErrors(server);
          scrollToFirstError(server);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="assessment-form">
      <Stack gap="md">
        <AssessmentFields instrument={instrument} draft={draft} onChange={setDraft} errors={errors} />
        {Object.keys(errors).length > 0 ? (
          <Text size="sm" c="red.8" role="alert">
            {t('casePage.assessment.fixErrors')}
          </Text>
        ) : null}
        <ProblemAlert error={alertError(create.error, ASSESSMENT_FIELD)} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="assessment-submit">
            {t('casePage.assessment.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AssessmentCard({
  assessment,
  instrument,
}: {
  assessment: Assessment;
  instrument?: InstrumentDetail;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sameInstrument =
    instrument?.version === assessment.instrumentVersion ? instrument.document : undefined;
  const orientation = (code: string) =>
    labelIn(
      sameInstrument?.orientations.find((o) => o.code === code) ??
        (assessment.result.orientation?.code === code ? assessment.result.orientation : undefined),
      language,
    ) || code;
  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid={`assessment-${assessment.id}`}>
      <Group justify="space-between" gap="xs" align="flex-start">
        <Group gap="xs">
          <DangerBadge level={assessment.dangerLevel} size="sm" />
          <Text size="sm" fw={500}>
            {t('casePage.assessment.totalValue', { total: formatNumber(assessment.result.total, language) })}
          </Text>
        </Group>
        <Text size="xs" c="gray.7">
          {formatDateTime(assessment.assessedAt, language)} · {assessment.assessedByName}
        </Text>
      </Group>
      <Text size="sm" mt={4}>
        {t('casePage.assessment.orientation')}
        {t('casePage.colon')} <b>{orientation(assessment.confirmedOrientation)}</b>
        {assessment.overridden ? (
          <Badge ms={6} size="xs" color="orange" variant="light">
            {t('casePage.assessment.overridden', { proposed: orientation(assessment.proposedOrientation) })}
          </Badge>
        ) : null}
      </Text>
      {assessment.overrideJustification ? (
        <Text size="sm" c="gray.8" className={classes.quote} dir="auto">
          {t('casePage.assessment.justification')}
          {t('casePage.colon')} {assessment.overrideJustification}
        </Text>
      ) : null}
      <Group gap={6} mt={6}>
        {assessment.result.domains.map((d) => (
          <Badge key={d.code} size="sm" variant="light" color={d.protective ? 'teal' : 'gray'}>
            {labelIn(
              sameInstrument?.domains.find((x) => x.code === d.code),
              language,
            ) || d.code}
            : {formatNumber(d.score, language)}/{formatNumber(d.maxScore, language)}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="gray.7" mt={4}>
        {assessment.instrumentIsDefault
          ? t('casePage.assessment.withDefaultInstrument', { version: isolate(assessment.instrumentVersion) })
          : t('casePage.assessment.instrumentVersion', { version: isolate(assessment.instrumentVersion) })}
      </Text>
    </Paper>
  );
}

export function AssessmentSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const instrument = useActiveInstrument();
  const assessments = useAssessments(detail.id);
  const [writing, setWriting] = useState(false);

  return (
    <Stack gap="md">
      <NewCardPanel
        detail={detail}
        id="new-assessment-title"
        title={t('casePage.assessment.title')}
        intro={t('casePage.assessment.intro')}
        newLabel={t('casePage.assessment.new')}
        newTestId="assessment-new"
        writing={writing}
        onWrite={() => setWriting(true)}
      >
        <ProblemAlert error={instrument.error} onRetry={() => void instrument.refetch()} />
        {writing && instrument.data ? (
          <NewAssessment detail={detail} instrument={instrument.data} onDone={() => setWriting(false)} />
        ) : writing ? (
          <Loading />
        ) : null}
      </NewCardPanel>
      <CardHistory
        id="assessments-title"
        title={t('casePage.assessment.history')}
        emptyText={t('casePage.assessment.none')}
        query={assessments}
        testId="assessment-history"
        render={(a) => <AssessmentCard key={a.id} assessment={a} instrument={instrument.data} />}
      />
    </Stack>
  );
}
