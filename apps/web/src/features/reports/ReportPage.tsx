import { hasAnyRole, type Language, reportSummarySchema } from '@madar/domain';
import { Anchor, Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconEye, IconEyeOff, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { SaveProblem } from '../../app/components/SaveProblem';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames } from '../../app/reference';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useCommunes } from '../territories/api';
import { CLOSE_REASONS, type CloseReason, type ReportDetail, useCloseReport, useReport } from './api';
import { formatAgo } from './datetime';
import { ReportStatusBadge, UrgencyBadge } from './labels';
import { CAPE_STAFF_ROLES, TRIAGE_ROLES } from './roles';
import { TriagePanel } from './TriagePanel';
import { useTaxonomy } from './taxonomy';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="gray.7" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** The reporter's identity is confidential: shown on request, never in lists. */
function ReporterSection({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const reporter = report.reporter;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-reporter-title">
      <Group justify="space-between" gap="xs" mb="xs">
        <Group gap={6}>
          <IconLock size={18} aria-hidden="true" />
          <Title order={2} size="h4" id="report-reporter-title">
            {t('reports.detail.reporter')}
          </Title>
          <Badge color="gray" variant="light" tt="none">
            {t('reports.detail.confidential')}
          </Badge>
        </Group>
        {reporter && !reporter.anonymous && (reporter.name || reporter.phone) ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={
              shown ? <IconEyeOff size={16} aria-hidden="true" /> : <IconEye size={16} aria-hidden="true" />
            }
            onClick={() => setShown((s) => !s)}
            aria-expanded={shown}
            data-testid="report-reporter-toggle"
          >
            {shown ? t('reports.detail.hideReporter') : t('reports.detail.showReporter')}
          </Button>
        ) : null}
      </Group>
      {!reporter ? (
        <Text size="sm" c="gray.7">
          {t('reports.detail.noReporter')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {reporter.anonymous ? (
            <Text size="sm" fw={600}>
              {t('reports.detail.anonymous')}
            </Text>
          ) : shown ? (
            <>
              <Fact label={t('reports.form.reporterName')}>
                <Text size="sm" style={{ unicodeBidi: 'plaintext' }}>
                  {reporter.name ?? '—'}
                </Text>
              </Fact>
              <Fact label={t('reports.form.reporterPhone')}>
                <Text size="sm" dir="ltr" style={{ unicodeBidi: 'isolate' }}>
                  {reporter.phone ?? '—'}
                </Text>
              </Fact>
            </>
          ) : reporter.name || reporter.phone ? (
            <Text size="sm" c="gray.7">
              {t('reports.detail.reporterHidden')}
            </Text>
          ) : null}
          {reporter.relation ? (
            <Fact label={t('reports.form.reporterRelation')}>
              <Text size="sm" style={{ unicodeBidi: 'plaintext' }}>
                {reporter.relation}
              </Text>
            </Fact>
          ) : null}
        </SimpleGrid>
      )}
    </Paper>
  );
}

function CloseReportModal({
  report,
  opened,
  onClose,
}: {
  report: ReportDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const close = useCloseReport(report.id);
  const { refetch } = useReport(report.id);
  const [reason, setReason] = useState<CloseReason | null>(null);
  // The version the conflict reported: the next attempt is based on it even before the page reloads.
  const [seenVersion, setSeenVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t('reports.close.title')} centered>
      <Stack gap="sm">
        <Text size="sm">{t('reports.close.text')}</Text>
        <Radio.Group
          label={t('reports.close.reason')}
          required
          value={reason}
          onChange={(v) => {
            setReason(v as CloseReason);
            setError(null);
          }}
          error={error}
          data-testid="report-close-reason"
        >
          <Stack gap={6} mt={6}>
            {CLOSE_REASONS.map((r) => (
              <Radio
                key={r}
                value={r}
                label={t(`reports.closeReason.${r}`)}
                data-testid={`report-close-reason-${r}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <SaveProblem
          error={close.error}
          schema={reportSummarySchema}
          onReload={(current) => {
            setSeenVersion(current.version);
            void refetch();
          }}
          reset={close.reset}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red.8"
            loading={close.isPending}
            onClick={() => {
              if (!reason) {
                setError(t('validation.required'));
                return;
              }
              close.mutate(
                { reason, version: Math.max(report.version, seenVersion) },
                { onSuccess: onClose },
              );
            }}
            data-testid="report-close-confirm"
          >
            {t('reports.close.confirm')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** A report (بطاقة التبليغ) and, for the CAPE's caseworkers, the triage of each of its children. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { id } = useParams();
  const { user } = useCurrentSession();
  const query = useReport(id);
  const taxonomy = useTaxonomy();
  const names = useReferenceNames();
  const communes = useCommunes(query.data?.territoryCode);
  const [closing, setClosing] = useState(false);

  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!query.data) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const report = query.data;

  const inTerritory = user.territoryCode === report.territoryCode;
  const canTriage = hasAnyRole(user.roles, TRIAGE_ROLES) && inTerritory;
  const canOpenCase = hasAnyRole(user.roles, CAPE_STAFF_ROLES) && inTerritory;
  const commune = communes.data?.find((c) => c.id === report.communeId);
  const back = canTriage
    ? { to: '/reports/triage', label: t('reports.detail.backToQueue') }
    : { to: '/reports/mine', label: t('reports.detail.backToMine') };

  return (
    <>
      <Anchor
        component={Link}
        to={back.to}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowBackUp size={16} aria-hidden="true" />
        {back.label}
      </Anchor>
      <PageHeader
        title={t('reports.detail.title')}
        subtitle={t('reports.list.received', {
          date: formatDateTime(report.receivedAt, language),
          ago: formatAgo(report.receivedAt, language),
        })}
        actions={
          canTriage && report.status === 'new' ? (
            <Button
              variant="light"
              color="red"
              leftSection={<IconArchive size={16} aria-hidden="true" />}
              onClick={() => setClosing(true)}
              data-testid="report-close"
            >
              {t('reports.close.open')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md" data-testid="report-detail">
        <Group gap="xs">
          <UrgencyBadge urgency={report.urgency} size="lg" />
          <ReportStatusBadge status={report.status} />
          {report.status === 'closed' && report.closedReason ? (
            <Text size="sm" c="gray.7" data-testid="report-closed-reason">
              {t('reports.detail.closedBecause', {
                reason: t(`reports.closeReason.${report.closedReason}`, {
                  defaultValue: report.closedReason,
                }),
              })}
            </Text>
          ) : null}
        </Group>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-facts-title">
          <Title order={2} size="h4" mb="sm" id="report-facts-title">
            {t('reports.form.sectionFacts')}
          </Title>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              <Fact label={t('reports.form.source')} testId="report-detail-source">
                <Text size="sm">{taxonomy.label('report_sources', report.sourceCode)}</Text>
              </Fact>
              <Fact label={t('reports.form.territory')}>
                <Text size="sm">{names.territory(report.territoryCode)}</Text>
              </Fact>
              <Fact label={t('reports.form.commune')}>
                <Text size="sm">{commune ? (language === 'ar' ? commune.nameAr : commune.nameFr) : '—'}</Text>
              </Fact>
              <Fact label={t('reports.form.address')}>
                <Text size="sm" style={{ unicodeBidi: 'plaintext' }}>
                  {report.address ?? '—'}
                </Text>
              </Fact>
            </SimpleGrid>
            <Fact label={t('reports.form.harmForms')}>
              {report.harmForms.length > 0 ? (
                <Group gap={4}>
                  {report.harmForms.map((h) => (
                    <Badge key={h} variant="outline" color="grape" tt="none" fw={500}>
                      {taxonomy.label('harm_forms', h)}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm">—</Text>
              )}
            </Fact>
            <Fact label={t('reports.form.facts')} testId="report-detail-facts">
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                {report.facts}
              </Text>
            </Fact>
          </Stack>
        </Paper>

        <ReporterSection report={report} />

        <section aria-labelledby="report-children-title">
          <Title order={2} size="h4" mb="sm" id="report-children-title">
            {canTriage && report.status === 'new'
              ? t('reports.triage.title', { count: report.children.length })
              : t('reports.form.sectionChildren')}
          </Title>
          <Stack gap="sm">
            {report.children.map((child) => (
              <TriagePanel
                key={child.position}
                report={report}
                child={child}
                canTriage={canTriage}
                canOpenCase={canOpenCase}
              />
            ))}
          </Stack>
        </section>
      </Stack>
      {canTriage ? (
        <CloseReportModal report={report} opened={closing} onClose={() => setClosing(false)} />
      ) : null}
    </>
  );
}
