import {
  AGE_BANDS,
  CASELOAD_VIEWS,
  type CaseSummary,
  hasAnyRole,
  type Language,
  SEXES,
  UNASSIGNED_WORKER,
} from '@madar/domain';
import {
  Anchor,
  Badge,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlarm, IconFlame, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyRow } from '../../app/components/EmptyRow';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDate } from '../../app/format';
import { useListParams } from '../../app/listParams';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames } from '../../app/reference';
import { ageBandLabel, sexLabel } from '../children/labels';
import { casablancaToday, formatAgo } from '../reports/datetime';
import { useTaxonomy } from '../reports/taxonomy';
import { DangerBadge, StageBadge } from './CaseloadBadges';
import { type CaseloadQuery, type CaseloadView, useCaseload, useCaseworkers } from './caseloadApi';

const LIMIT = 25;
const SORTS = ['last_activity', 'opened_at', 'danger', 'next_follow_up'] as const;
type Sort = (typeof SORTS)[number];
const FILTERS = ['stage', 'dangerLevel', 'harmForm', 'situation', 'sex', 'ageBand', 'workerId'] as const;
type FilterKey = (typeof FILTERS)[number];

const VIEW_ICONS: Partial<Record<CaseloadView, typeof IconAlarm>> = {
  overdue_follow_up: IconAlarm,
  overdue_services: IconHourglass,
  grave_danger: IconFlame,
};

function NextFollowUp({ on, today }: { on: string | null; today: string }) {
  const { t, i18n } = useTranslation();
  if (!on) return <Text size="sm">—</Text>;
  const overdue = on < today;
  return (
    <Group gap={4} wrap="nowrap">
      {overdue ? <IconAlarm size={16} color="var(--mantine-color-red-9)" aria-hidden="true" /> : null}
      <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined} data-overdue={overdue}>
        {formatDate(on, i18n.language as Language)}
        {overdue ? ` — ${t('caseload.overdue')}` : ''}
      </Text>
    </Group>
  );
}

function WorkerName({ row }: { row: CaseSummary }) {
  const { t } = useTranslation();
  return row.assignedWorkerName ? (
    <Text size="sm">{row.assignedWorkerName}</Text>
  ) : (
    // The theme's orange 9 is darkened for text (app/theme.ts): above WCAG AA's 4.5:1 on white.
    <Text size="sm" fw={500} c="orange.9">
      {t('caseload.unassigned')}
    </Text>
  );
}

function ChildFacts({ row }: { row: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="gray.7">
      {[sexLabel(t, row.child.sex), ageBandLabel(t, row.child.ageBand)].join(' · ')}
    </Text>
  );
}

function CaseCode({ row }: { row: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Anchor
        component={Link}
        to={`/cases/${row.id}`}
        fw={700}
        className="madar-mono"
        data-testid="case-link"
      >
        {row.child.code}
      </Anchor>
      <ChildFacts row={row} />
      {row.closureRequest ? (
        <Badge color="yellow" variant="light" tt="none" size="sm">
          {t('caseload.closureRequested')}
        </Badge>
      ) : null}
    </Stack>
  );
}

function CaseTable({ rows, today }: { rows: CaseSummary[]; today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="caseload-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseload.col.child')}</Table.Th>
            <Table.Th scope="col">{t('caseload.col.stage')}</Table.Th>
            <Table.Th scope="col">{t('caseload.col.danger')}</Table.Th>
            <Table.Th scope="col">{t('caseload.col.worker')}</Table.Th>
            <Table.Th scope="col">{t('caseload.col.nextFollowUp')}</Table.Th>
            <Table.Th scope="col">{t('caseload.col.lastActivity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? <EmptyRow colSpan={6} /> : null}
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              data-testid={`caseload-row-${row.id}`}
              onClick={(e) => {
                // The code is the link (for keyboards and screen readers); the whole row answers the mouse.
                if ((e.target as HTMLElement).closest('a')) return;
                navigate(`/cases/${row.id}`);
              }}
              style={{ cursor: 'pointer' }}
              bg={row.dangerLevel === 'grave_imminent_danger' ? 'red.0' : undefined}
            >
              <Table.Td>
                <CaseCode row={row} />
              </Table.Td>
              <Table.Td>
                <StageBadge stage={row.stage} />
              </Table.Td>
              <Table.Td>
                <DangerBadge level={row.dangerLevel} />
              </Table.Td>
              <Table.Td>
                <WorkerName row={row} />
              </Table.Td>
              <Table.Td>
                <NextFollowUp on={row.nextFollowUpOn} today={today} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatAgo(row.lastActivityAt, language)}</Text>
                <Text size="xs" c="gray.7">
                  {formatDate(row.lastActivityAt, language)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On a phone, each case is a card: the code opens it; the rest reads top to bottom. */
function CaseCards({ rows, today }: { rows: CaseSummary[]; today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (rows.length === 0) {
    return (
      <Paper withBorder p="md" radius="md" data-testid="caseload-table">
        <Text ta="center" c="gray.7" size="sm">
          {t('common.noResults')}
        </Text>
      </Paper>
    );
  }
  return (
    <Stack
      gap="xs"
      component="ul"
      data-testid="caseload-table"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {rows.map((row) => (
        <li key={row.id}>
          <Paper
            withBorder
            radius="md"
            p="sm"
            data-testid={`caseload-row-${row.id}`}
            style={
              row.dangerLevel === 'grave_imminent_danger'
                ? { borderInlineStartWidth: 6, borderInlineStartColor: 'var(--mantine-color-red-8)' }
                : undefined
            }
          >
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <CaseCode row={row} />
                <Stack gap={4} align="flex-end">
                  <StageBadge stage={row.stage} />
                  <DangerBadge level={row.dangerLevel} />
                </Stack>
              </Group>
              <Group gap="xs" justify="space-between">
                <Text size="xs" c="gray.7">
                  {t('caseload.col.worker')}
                </Text>
                <WorkerName row={row} />
              </Group>
              <Group gap="xs" justify="space-between">
                <Text size="xs" c="gray.7">
                  {t('caseload.col.nextFollowUp')}
                </Text>
                <NextFollowUp on={row.nextFollowUpOn} today={today} />
              </Group>
              <Group gap="xs" justify="space-between">
                <Text size="xs" c="gray.7">
                  {t('caseload.col.lastActivity')}
                </Text>
                <Text size="sm">{formatAgo(row.lastActivityAt, language)}</Text>
              </Group>
            </Stack>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}

function isView(v: string | null): v is CaseloadView {
  return (CASELOAD_VIEWS as readonly string[]).includes(v ?? '');
}

/**
 * The CAPE's caseload: views, filters, sorting and pages. The state lives in the URL (codes and ids
 * only, never a name), so going back from a case page returns to the same list.
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const names = useReferenceNames();
  const taxonomy = useTaxonomy();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const { params, offset, update } = useListParams();
  const workers = useCaseworkers(user.territoryCode);

  const defaultView: CaseloadView = hasAnyRole(user.roles, ['social_worker']) ? 'mine' : 'all';
  const viewParam = params.get('view');
  const view: CaseloadView = isView(viewParam) ? viewParam : defaultView;
  const sortParam = params.get('sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '')
    ? (sortParam as Sort)
    : 'last_activity';
  const filter = (key: FilterKey) => params.get(key) || null;
  const stage = filter('stage');
  const includeClosed = params.get('includeClosed') === 'true' || stage === 'closed';

  const query: CaseloadQuery = {
    view,
    sort,
    limit: LIMIT,
    offset,
    includeClosed: includeClosed ? 'true' : 'false',
  };
  for (const key of FILTERS) {
    const value = filter(key);
    if (value) (query as Record<string, unknown>)[key] = value;
  }
  const list = useCaseload(query);
  const today = casablancaToday();
  const rows = list.data?.items ?? [];

  const select = (key: FilterKey, label: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      data={data}
      value={filter(key)}
      onChange={(v) => update({ [key]: v })}
      clearable
      searchable={data.length > 8}
      placeholder={t('common.all')}
      data-testid={`caseload-filter-${key}`}
    />
  );

  return (
    <>
      <PageHeader
        title={t('caseload.title')}
        subtitle={user.territoryCode ? names.territory(user.territoryCode) : undefined}
      />
      <Tabs value={view} onChange={(v) => isView(v) && update({ view: v })} mb="md" keepMounted={false}>
        <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x">
          <Tabs.List style={{ flexWrap: 'nowrap' }} aria-label={t('caseload.views')}>
            {(
              [
                'mine',
                'all',
                'overdue_follow_up',
                'overdue_services',
                'grave_danger',
                'awaiting_closure',
              ] as const
            ).map((v) => {
              const Icon = VIEW_ICONS[v];
              return (
                <Tabs.Tab
                  key={v}
                  value={v}
                  data-testid={`caseload-view-${v}`}
                  leftSection={Icon ? <Icon size={16} aria-hidden="true" /> : undefined}
                  color={v === 'grave_danger' ? 'red' : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t(`caseload.view.${v}`)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
        </ScrollArea>
      </Tabs>

      <FilterBar
        primary={
          <Select
            label={t('caseload.sort.label')}
            data={SORTS.map((s) => ({ value: s, label: t(`caseload.sort.${s}`) }))}
            value={sort}
            onChange={(v) => update({ sort: v === 'last_activity' ? null : v })}
            allowDeselect={false}
            data-testid="caseload-sort"
          />
        }
      >
        {select('stage', t('caseload.col.stage'), taxonomy.options('circuit_stages'))}
        {select('dangerLevel', t('caseload.col.danger'), taxonomy.options('danger_levels'))}
        {select('harmForm', t('caseload.filter.harmForm'), taxonomy.options('harm_forms'))}
        {select('situation', t('caseload.filter.situation'), taxonomy.options('child_situations'))}
        {select(
          'sex',
          t('caseload.filter.sex'),
          SEXES.map((s) => ({ value: s, label: sexLabel(t, s) })),
        )}
        {select(
          'ageBand',
          t('caseload.filter.ageBand'),
          AGE_BANDS.map((b) => ({ value: b.code, label: ageBandLabel(t, b.code) })),
        )}
        {select('workerId', t('caseload.col.worker'), [
          // The cases no worker holds (where the coordinator's overdue reminder leads).
          { value: UNASSIGNED_WORKER, label: t('caseload.unassigned') },
          ...(workers.data ?? []).map((w) => ({ value: w.id, label: w.fullName })),
        ])}
        <Switch
          label={t('caseload.filter.includeClosed')}
          checked={includeClosed}
          disabled={stage === 'closed'}
          onChange={(e) => update({ includeClosed: e.currentTarget.checked ? 'true' : null })}
          mt={{ base: 0, sm: 'lg' }}
          data-testid="caseload-include-closed"
        />
      </FilterBar>

      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        wide ? (
          <CaseTable rows={rows} today={today} />
        ) : (
          <CaseCards rows={rows} today={today} />
        )
      ) : null}
      {list.data ? (
        <Pager
          total={list.data.total}
          totalIsLowerBound={list.data.totalIsLowerBound}
          limit={LIMIT}
          offset={offset}
          onChange={(o) => update({ offset: o ? String(o) : null })}
        />
      ) : null}
    </>
  );
}
