import {
  type AssessmentInstrument,
  type AssessmentScore,
  type InstrumentDetail,
  scoreAssessment,
} from '@madar/domain';
import {
  Alert,
  Badge,
  Box,
  Checkbox,
  Divider,
  Grid,
  Group,
  Paper,
  Progress,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../app/format';
import { DangerBadge } from './CaseHeader';
import { isolate, labelIn, useLanguage } from './labels';

/** A danger assessment being written: answers, red flags and the worker's decision. */
export interface AssessmentDraft {
  items: Record<string, number | null>;
  redFlags: string[];
  /** null: the worker follows the orientation the instrument proposes. */
  orientation: string | null;
  justification: string;
}

export function emptyDraft(instrument: AssessmentInstrument): AssessmentDraft {
  return {
    items: Object.fromEntries(instrument.domains.flatMap((d) => d.items.map((i) => [i.code, null]))),
    redFlags: [],
    orientation: null,
    justification: '',
  };
}

export function unansweredItems(instrument: AssessmentInstrument, draft: AssessmentDraft): string[] {
  return instrument.domains
    .flatMap((d) => d.items.map((i) => i.code))
    .filter((code) => draft.items[code] == null);
}

/** The live score of a draft (unanswered items count as the scale minimum: a preview, never a decision). */
export function useDraftScore(
  instrument: AssessmentInstrument,
  draft: AssessmentDraft,
): AssessmentScore | null {
  return useMemo(() => {
    const outcome = scoreAssessment(
      instrument,
      { items: draft.items, redFlags: draft.redFlags },
      { allowIncomplete: true },
    );
    return outcome.ok ? outcome.score : null;
  }, [instrument, draft.items, draft.redFlags]);
}

/** The orientation the worker decides: their choice, or the proposed one. */
export function decidedOrientation(score: AssessmentScore | null, draft: AssessmentDraft): string | null {
  return draft.orientation ?? score?.orientation?.code ?? null;
}

export function isOverride(score: AssessmentScore | null, draft: AssessmentDraft): boolean {
  return draft.orientation !== null && draft.orientation !== score?.orientation?.code;
}

/** Client checks before sending, with the server's own words for the same rules. */
export function draftErrors(
  instrument: AssessmentInstrument,
  draft: AssessmentDraft,
  score: AssessmentScore | null,
  t: (key: string) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const code of unansweredItems(instrument, draft))
    errors[`items.${code}`] = t('casePage.assessment.answerItem');
  if (isOverride(score, draft) && !draft.justification.trim())
    errors.overrideJustification = t('casePage.assessment.justificationRequired');
  return errors;
}

/** The body's `answers` (every item answered by then). */
export function answersOf(draft: AssessmentDraft) {
  return { items: draft.items, redFlags: draft.redFlags };
}

export function DefaultInstrumentNotice({ instrument }: { instrument: InstrumentDetail }) {
  const { t } = useTranslation();
  if (!instrument.isDefault) {
    return (
      <Text size="xs" c="gray.7">
        {t('casePage.assessment.instrumentVersion', { version: isolate(instrument.version) })}
      </Text>
    );
  }
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconInfoCircle aria-hidden="true" />}
      data-testid="assessment-default-instrument"
      title={t('casePage.assessment.defaultInstrumentTitle')}
      // The light yellow title is too pale to read on its background.
      styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
    >
      <Text size="sm">
        {t('casePage.assessment.defaultInstrument', { version: isolate(instrument.version) })}
      </Text>
    </Alert>
  );
}

function ScorePreview({
  instrument,
  score,
}: {
  instrument: AssessmentInstrument;
  score: AssessmentScore | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!score) return null;
  const unanswered = score.unanswered.length;
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" aria-labelledby="preview-title" component="section">
      <Stack gap="xs" aria-live="polite" data-testid="assessment-preview">
        <Title order={3} size="h5" id="preview-title">
          {t('casePage.assessment.preview')}
        </Title>
        {score.domains.map((d) => {
          const domain = instrument.domains.find((x) => x.code === d.code);
          return (
            <Box key={d.code}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="xs">{labelIn(domain, language)}</Text>
                <Text size="xs" fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {formatNumber(d.score, language)} / {formatNumber(d.maxScore, language)}
                </Text>
              </Group>
              <Progress
                value={d.maxScore ? (d.score / d.maxScore) * 100 : 0}
                color={d.protective ? 'teal' : d.score >= d.maxScore ? 'red' : 'orange'}
                size="sm"
                aria-hidden="true"
              />
            </Box>
          );
        })}
        <Divider />
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={500}>
            {t('casePage.assessment.total')}
          </Text>
          <Text size="sm" fw={700} data-testid="assessment-preview-total">
            {formatNumber(score.total, language)}
          </Text>
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={500}>
            {t('casePage.assessment.level')}
          </Text>
          <DangerBadge level={score.level} />
        </Group>
        {score.triggeredRedFlags.length > 0 ? (
          <Text size="xs" c="red.8" fw={500}>
            {t('casePage.assessment.redFlagRaised')}
          </Text>
        ) : null}
        {score.appliedFloors.length > 0 ? (
          <Text size="xs" c="orange.9">
            {t('casePage.assessment.floorApplied')}
          </Text>
        ) : null}
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('casePage.assessment.proposedOrientation')}
          </Text>
          <Text size="sm" data-testid="assessment-proposed">
            {score.orientation ? labelIn(score.orientation, language) : '—'}
          </Text>
        </Stack>
        {unanswered > 0 ? (
          <Text size="xs" c="gray.7">
            {t('casePage.assessment.unansweredPreview', {
              n: formatNumber(unanswered, language),
            })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/**
 * The danger-assessment form drawn from the instrument: each domain's items on the instrument's
 * scale, the red flags, a live preview of the score, and the worker's decision on the orientation.
 * Used by the assessment section and by the evaluation card.
 */
export function AssessmentFields({
  instrument,
  draft,
  onChange,
  errors,
}: {
  instrument: InstrumentDetail;
  draft: AssessmentDraft;
  onChange: (draft: AssessmentDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const doc = instrument.document;
  const score = useDraftScore(doc, draft);
  const values: number[] = [];
  for (let v = doc.scale.min; v <= doc.scale.max; v++) values.push(v);
  const standardScale = doc.scale.min === 0 && doc.scale.max === 3;

  const scaleLabel = (value: number, protective: boolean): string => {
    const own = doc.scale.labels?.find((l) => l.value === value);
    if (own) return labelIn(own, language);
    if (!standardScale) return '';
    return t(`casePage.assessment.${protective ? 'scaleProtective' : 'scale'}.${value}`);
  };

  const override = isOverride(score, draft);
  const decided = decidedOrientation(score, draft);

  return (
    <Stack gap="md">
      <DefaultInstrumentNotice instrument={instrument} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {doc.domains.map((domain) => (
              <Paper
                key={domain.code}
                withBorder
                radius="md"
                p="md"
                component="fieldset"
                m={0}
                data-testid={`assessment-domain-${domain.code}`}
              >
                <Text component="legend" fw={700} px={4}>
                  {labelIn(domain, language)}
                </Text>
                {domain.protective ? (
                  <Text size="xs" c="gray.7" mb="xs">
                    {t('casePage.assessment.protectiveHelp')}
                  </Text>
                ) : null}
                <Stack gap="sm">
                  {domain.items.map((item) => (
                    <Radio.Group
                      key={item.code}
                      label={labelIn(item, language)}
                      value={draft.items[item.code] == null ? null : String(draft.items[item.code])}
                      onChange={(value) =>
                        onChange({ ...draft, items: { ...draft.items, [item.code]: Number(value) } })
                      }
                      error={errors[`items.${item.code}`]}
                      id={`assessment-item-${item.code}`}
                    >
                      <Group gap="xs" mt={6}>
                        {values.map((value) => {
                          const label = scaleLabel(value, domain.protective);
                          return (
                            <Radio
                              key={value}
                              value={String(value)}
                              label={
                                label
                                  ? `${formatNumber(value, language)} · ${label}`
                                  : formatNumber(value, language)
                              }
                              data-testid={`assessment-item-${item.code}-${value}`}
                              styles={{ label: { paddingInlineStart: 6 } }}
                            />
                          );
                        })}
                      </Group>
                    </Radio.Group>
                  ))}
                </Stack>
              </Paper>
            ))}
            <Paper withBorder radius="md" p="md" component="fieldset" m={0} bg="red.0">
              <Text component="legend" fw={700} px={4} c="red.9">
                <Group gap={6} component="span">
                  <IconAlertTriangle size={16} aria-hidden="true" />
                  {t('casePage.assessment.redFlags')}
                </Group>
              </Text>
              <Text size="xs" c="gray.8" mb="xs">
                {t('casePage.assessment.redFlagsHelp')}
              </Text>
              <Checkbox.Group
                value={draft.redFlags}
                onChange={(redFlags) => onChange({ ...draft, redFlags })}
                error={errors.redFlags}
                aria-label={t('casePage.assessment.redFlags')}
              >
                <Stack gap="xs">
                  {doc.red_flags.items.map((flag) => (
                    <Checkbox
                      key={flag.code}
                      value={flag.code}
                      label={labelIn(flag, language)}
                      color="red.8"
                      data-testid={`assessment-redflag-${flag.code}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Box style={{ position: 'sticky', top: 80 }}>
            <ScorePreview instrument={doc} score={score} />
          </Box>
        </Grid.Col>
      </Grid>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="decision-title">
        <Title order={3} size="h5" mb="xs" id="decision-title">
          {t('casePage.assessment.decision')}
        </Title>
        <Stack gap="sm">
          <Select
            label={t('casePage.assessment.orientation')}
            description={t('casePage.assessment.orientationHelp')}
            data={doc.orientations.map((o) => ({
              value: o.code,
              label:
                o.code === score?.orientation?.code
                  ? `${labelIn(o, language)} (${t('casePage.assessment.proposed')})`
                  : labelIn(o, language),
            }))}
            value={decided}
            onChange={(value) =>
              onChange({ ...draft, orientation: value === score?.orientation?.code ? null : value })
            }
            allowDeselect={false}
            error={errors.confirmedOrientation}
            data-testid="assessment-orientation"
          />
          {override ? (
            <Badge color="orange" variant="light" style={{ alignSelf: 'flex-start' }}>
              {t('casePage.assessment.overriding')}
            </Badge>
          ) : null}
          <Textarea
            label={t('casePage.assessment.justification')}
            description={
              override
                ? t('casePage.assessment.justificationHelpRequired')
                : t('casePage.assessment.justificationHelp')
            }
            required={override}
            autosize
            minRows={override ? 3 : 2}
            maxLength={4000}
            value={draft.justification}
            onChange={(e) => onChange({ ...draft, justification: e.currentTarget.value })}
            error={errors.overrideJustification}
            data-testid="assessment-justification"
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
