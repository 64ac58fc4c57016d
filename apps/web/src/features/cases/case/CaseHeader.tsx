import { casablancaDate } from '@madar/domain';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileTypePdf, IconLock } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveProblem } from '../../../app/components/SaveProblem';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { useReferenceNames } from '../../../app/reference';
import { type CaseDetail, can, reportPdfUrl, useClosureDecision, useReloadCase } from '../api';
import classes from './case.module.css';
import { DANGER_COLOR, useRefLabels } from './labels';
import { StageStepper } from './StageStepper';

export function DangerBadge({ level, size = 'md' }: { level: string | null; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  if (!level) {
    return (
      <Badge color="gray" variant="light" size={size} data-testid="case-danger" data-level="none">
        {t('casePage.header.notAssessed')}
      </Badge>
    );
  }
  return (
    <Badge
      // Filled red 9: white text stays above 4.5:1.
      color={level === 'grave_imminent_danger' ? 'red.9' : (DANGER_COLOR[level] ?? 'gray')}
      variant={level === 'grave_imminent_danger' ? 'filled' : 'light'}
      size={size}
      data-testid="case-danger"
      data-level={level}
      // The light yellow of "risk" needs darker text than Mantine's to stay readable.
      styles={level === 'risk' ? { label: { color: 'var(--mantine-color-dark-8)' } } : undefined}
      leftSection={
        level === 'grave_imminent_danger' ? <IconAlertTriangle size={14} aria-hidden="true" /> : null
      }
    >
      {labels.label('dangerLevel', level)}
    </Badge>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The pending closure request, and the coordinator's decision on it. */
function ClosureRequestBanner({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const decide = useClosureDecision(detail.id);
  const reload = useReloadCase(detail.id);
  const [note, setNote] = useState('');
  const request = detail.closureRequest;
  if (!request) return null;
  const send = (approve: boolean) =>
    decide.mutate(
      { approve, note: note.trim() || null, version: detail.version },
      {
        onSuccess: () => {
          setNote('');
          notifications.show({
            color: 'teal',
            message: approve ? t('casePage.closure.approved') : t('casePage.closure.declined'),
          });
        },
      },
    );
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconLock aria-hidden="true" />}
      title={t('casePage.closure.pendingTitle')}
      data-testid="closure-request"
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('casePage.closure.pendingText', {
            by: request.by,
            at: formatDateTime(request.at, labels.language),
            reason: labels.label('closureReason', request.reason),
          })}
        </Text>
        {request.note ? (
          <Text size="sm" className={classes.quote} dir="auto">
            {request.note}
          </Text>
        ) : null}
        {request.openServices > 0 ? (
          <Text size="sm" c="red.9" fw={500}>
            {t('casePage.closure.openServicesAtRequest', {
              n: formatNumber(request.openServices, labels.language),
            })}
          </Text>
        ) : null}
        {can(detail, 'approveClosure') ? (
          <Stack gap="xs">
            <SaveProblem error={decide.error} onReload={reload} reset={decide.reset} />
            <Textarea
              label={t('casePage.closure.decisionNote')}
              autosize
              minRows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="closure-decision-note"
            />
            <Group gap="xs">
              <Button
                color="red.8"
                loading={decide.isPending && decide.variables?.approve === true}
                disabled={decide.isPending}
                onClick={() => send(true)}
                data-testid="closure-approve"
              >
                {t('casePage.closure.approve')}
              </Button>
              <Button
                variant="default"
                loading={decide.isPending && decide.variables?.approve === false}
                disabled={decide.isPending}
                onClick={() => send(false)}
                data-testid="closure-decline"
              >
                {t('casePage.closure.decline')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="gray.8">
            {t('casePage.closure.waitingCoordinator')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const names = useReferenceNames();
  const language = labels.language;
  const child = detail.child;
  const today = casablancaDate();
  const followUpOverdue = detail.nextFollowUpOn !== null && !detail.closedAt && detail.nextFollowUpOn < today;

  return (
    <Stack gap="sm" component="header" aria-labelledby="case-code">
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={6} miw={0}>
              <Text size="xs" c="gray.7" fw={500}>
                {t('casePage.header.childCode')}
              </Text>
              <Title order={1} fz={{ base: 26, sm: 32 }} lh={1.1} id="case-code">
                <span className={classes.code} data-testid="case-code">
                  {child.code}
                </span>
              </Title>
              <Group gap={6}>
                <Badge variant="light" color="gray" data-testid="case-sex">
                  {t(`casePage.sex.${child.sex}`)}
                </Badge>
                <Badge variant="light" color="gray">
                  {child.ageBand ? t(`casePage.ageBand.${child.ageBand}`) : t('casePage.ageBand.unknown')}
                </Badge>
                <Badge variant="light" color="gray">
                  {names.territory(detail.territoryCode)}
                </Badge>
                <DangerBadge level={detail.dangerLevel} />
              </Group>
            </Stack>
            <Stack gap={4} align="stretch">
              <Text size="xs" c="gray.7" fw={500} id="report-pdf-label">
                {t('casePage.header.report')}
              </Text>
              <Group gap="xs" role="group" aria-labelledby="report-pdf-label">
                <Button
                  component="a"
                  href={reportPdfUrl(detail.id, 'ar')}
                  download
                  variant="light"
                  size="sm"
                  leftSection={<IconFileTypePdf size={18} aria-hidden="true" />}
                  data-testid="report-pdf-ar"
                  lang="ar"
                >
                  {t('casePage.header.reportAr')}
                </Button>
                <Button
                  component="a"
                  href={reportPdfUrl(detail.id, 'fr')}
                  download
                  variant="light"
                  size="sm"
                  leftSection={<IconFileTypePdf size={18} aria-hidden="true" />}
                  data-testid="report-pdf-fr"
                  lang="fr"
                >
                  {t('casePage.header.reportFr')}
                </Button>
              </Group>
              <Text size="xs" c="gray.7" maw={320}>
                {can(detail, 'readIdentity')
                  ? t('casePage.header.reportWithIdentity')
                  : t('casePage.header.reportWithoutIdentity')}
              </Text>
            </Stack>
          </Group>

          <StageStepper stage={detail.stage} />

          <Group gap="lg" align="flex-start">
            <Fact label={t('casePage.header.worker')} testId="case-worker">
              {detail.assignedWorkerName ?? (
                <Text span c="orange.9" size="sm" fw={500}>
                  {t('casePage.header.unassigned')}
                </Text>
              )}
            </Fact>
            <Fact label={t('casePage.header.openedAt')}>{formatDate(detail.openedAt, language)}</Fact>
            {detail.closedAt ? (
              <Fact label={t('casePage.header.closedAt')}>
                {formatDate(detail.closedAt, language)} —{' '}
                {labels.label('closureReason', detail.closureReason)}
              </Fact>
            ) : (
              <Fact label={t('casePage.header.nextFollowUp')} testId="case-next-follow-up">
                {detail.nextFollowUpOn ? (
                  <Text span size="sm" fw={500} c={followUpOverdue ? 'red.8' : undefined}>
                    {formatDate(detail.nextFollowUpOn, language)}
                    {followUpOverdue ? ` — ${t('casePage.header.overdue')}` : ''}
                  </Text>
                ) : (
                  t('casePage.header.noFollowUpDate')
                )}
              </Fact>
            )}
            <Fact label={t('casePage.header.lastActivity')}>
              {formatDateTime(detail.lastActivityAt, language)}
            </Fact>
          </Group>
        </Stack>
      </Paper>
      <ClosureRequestBanner detail={detail} />
    </Stack>
  );
}
