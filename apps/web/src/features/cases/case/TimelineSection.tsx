import type { TimelineEvent } from '@madar/domain';
import { Badge, Group, Paper, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import {
  IconArrowsExchange,
  IconBell,
  IconChartLine,
  IconGauge,
  IconListCheck,
  IconMessageCircle,
  IconNote,
  IconPaperclip,
  type IconProps,
  IconRoute,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { formatDate, formatDateTime } from '../../../app/format';
import { useReferenceNames } from '../../../app/reference';
import { type CaseDetail, useActiveInstrument, useTimeline } from '../api';
import { DangerBadge } from './CaseHeader';
import classes from './case.module.css';
import { labelIn, PLAN_STATUS_COLOR, useRefLabels } from './labels';

const ICONS: Record<TimelineEvent['kind'], { icon: ComponentType<IconProps>; color: string }> = {
  report: { icon: IconBell, color: 'orange' },
  transition: { icon: IconRoute, color: 'madar' },
  transfer: { icon: IconArrowsExchange, color: 'cyan' },
  assessment: { icon: IconGauge, color: 'red' },
  plan_item: { icon: IconListCheck, color: 'blue' },
  follow_up: { icon: IconMessageCircle, color: 'teal' },
  evaluation: { icon: IconChartLine, color: 'grape' },
  note: { icon: IconNote, color: 'gray' },
  document: { icon: IconPaperclip, color: 'gray' },
};

const dayText = (day: string, language: 'ar' | 'fr' | 'en') => formatDate(`${day}T12:00:00Z`, language);

function EventBody({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const instrument = useActiveInstrument();
  const names = useReferenceNames();
  const language = labels.language;
  const orientation = (code: string) =>
    labelIn(
      instrument.data?.document.orientations.find((o) => o.code === code),
      language,
    ) || code;

  switch (event.kind) {
    case 'report':
      return (
        <Stack gap={2}>
          <Text size="sm">
            {t('casePage.timeline.source')}
            {t('casePage.colon')} {labels.label('source', event.sourceCode)}
          </Text>
          <Group gap={4}>
            <Badge size="sm" color={event.urgency === 'normal' ? 'gray' : 'red'} variant="light">
              {t(`casePage.timeline.urgency.${event.urgency}`, { defaultValue: event.urgency })}
            </Badge>
            {event.harmForms.map((h) => (
              <Badge key={h} size="sm" variant="light" color="grape">
                {labels.label('harmForm', h)}
              </Badge>
            ))}
          </Group>
        </Stack>
      );
    case 'transition':
      return (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {event.fromStage
              ? t('casePage.circuit.fromTo', {
                  from: labels.label('stage', event.fromStage),
                  to: labels.label('stage', event.toStage),
                })
              : t('casePage.circuit.opened', { stage: labels.label('stage', event.toStage) })}
          </Text>
          {event.closureReason ? (
            <Text size="sm">
              {t('casePage.circuit.closureReason')}
              {t('casePage.colon')} {labels.label('closureReason', event.closureReason)}
            </Text>
          ) : null}
          {event.reason ? (
            <Text size="sm" c="gray.8" className={classes.quote} dir="auto">
              {t('casePage.circuit.why')}
              {t('casePage.colon')} {event.reason}
            </Text>
          ) : null}
          {event.approvedByName ? (
            <Text size="xs" c="gray.7">
              {t('casePage.circuit.approvedBy', { name: event.approvedByName })}
            </Text>
          ) : null}
        </Stack>
      );
    case 'transfer':
      return (
        <Stack gap={2}>
          <Text size="sm">
            {t('casePage.timeline.transferText', {
              from: names.territory(event.fromTerritoryCode),
              to: names.territory(event.toTerritoryCode),
            })}
          </Text>
          <Group gap={6}>
            <Badge size="sm" variant="light" color="cyan">
              {t(`casePage.timeline.transferStatus.${event.status}`, { defaultValue: event.status })}
            </Badge>
          </Group>
        </Stack>
      );
    case 'assessment':
      return (
        <Stack gap={2}>
          <Group gap={6}>
            <DangerBadge level={event.dangerLevel} size="sm" />
          </Group>
          <Text size="sm">
            {t('casePage.assessment.orientation')}
            {t('casePage.colon')} {orientation(event.confirmedOrientation)}
            {event.overridden
              ? ` (${t('casePage.assessment.overridden', { proposed: orientation(event.proposedOrientation) })})`
              : ''}
          </Text>
        </Stack>
      );
    case 'plan_item':
      return (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {labels.label('service', event.serviceCode)}
          </Text>
          <Group gap={6}>
            <Badge size="sm" variant="light" color={PLAN_STATUS_COLOR[event.status] ?? 'gray'}>
              {t(`casePage.plan.status.${event.status}`, { defaultValue: event.status })}
            </Badge>
            <Text size="xs" c="gray.7">
              {labels.label('sector', event.sectorCode)} · {t('casePage.plan.dueOn')}
              {t('casePage.colon')} {dayText(event.dueOn, language)}
            </Text>
          </Group>
        </Stack>
      );
    case 'follow_up':
      return (
        <Text size="sm">
          {t(`casePage.followUp.contact.${event.contactType}`, { defaultValue: event.contactType })}
          {event.nextFollowUpOn
            ? ` · ${t('casePage.followUp.nextFollowUpOn')}{t('casePage.colon')} ${dayText(event.nextFollowUpOn, language)}`
            : ''}
        </Text>
      );
    case 'evaluation':
      return (
        <Stack gap={2}>
          <Text size="sm">
            {t('casePage.evaluation.recommendation')}
            {t('casePage.colon')}{' '}
            {t(`casePage.evaluation.recommendations.${event.recommendation}`, {
              defaultValue: event.recommendation,
            })}
          </Text>
          {event.dangerLevelThen || event.dangerLevelNow ? (
            <Group gap={4}>
              <DangerBadge level={event.dangerLevelThen} size="sm" />
              <Text size="sm" aria-hidden="true">
                {language === 'ar' ? '←' : '→'}
              </Text>
              <DangerBadge level={event.dangerLevelNow} size="sm" />
            </Group>
          ) : null}
        </Stack>
      );
    case 'note':
      return (
        <Text size="sm">
          {t(`casePage.files.names.${event.file}`)} — {event.title}
        </Text>
      );
    case 'document':
      return (
        <Text size="sm">
          {t(`casePage.files.names.${event.file}`)} — {event.title}
          {event.documentType
            ? ` (${t(`casePage.files.type.${event.documentType}`, { defaultValue: event.documentType })})`
            : ''}
        </Text>
      );
    default:
      return null;
  }
}

/** The child's path on one page, oldest first: reports, stages, assessments, services, cards, files. */
export function TimelineSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const timeline = useTimeline(detail.id);
  const items = timeline.data?.items ?? [];
  const hidden = timeline.data ? 3 - timeline.data.filesShown.length : 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
      <Title order={2} size="h4" mb={4} id="timeline-title">
        {t('casePage.timeline.title')}
      </Title>
      <Text size="xs" c="gray.7" mb="md">
        {t('casePage.timeline.intro')}
        {hidden > 0 ? ` ${t('casePage.timeline.filesHidden')}` : ''}
      </Text>
      {timeline.isPending ? <Loading /> : null}
      <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
      {timeline.data && items.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('casePage.timeline.empty')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Timeline active={items.length - 1} bulletSize={30} lineWidth={2} data-testid="timeline">
          {items.map((event) => {
            const { icon: Icon, color } = ICONS[event.kind];
            return (
              <Timeline.Item
                key={`${event.kind}-${event.id}-${event.at}`}
                bullet={
                  <ThemeIcon size={28} radius="xl" color={color} variant="light" aria-hidden="true">
                    <Icon size={16} />
                  </ThemeIcon>
                }
                title={
                  <Text size="sm" fw={700} component="span">
                    {t(`casePage.timeline.kind.${event.kind}`)}
                  </Text>
                }
                data-testid={`timeline-${event.kind}`}
              >
                <Text size="xs" c="gray.7" mb={4}>
                  {formatDateTime(event.at, labels.language)}
                  {event.byName ? ` · ${event.byName}` : ''}
                </Text>
                <EventBody event={event} />
              </Timeline.Item>
            );
          })}
        </Timeline>
      ) : null}
    </Paper>
  );
}
