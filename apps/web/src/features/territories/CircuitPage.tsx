import { addDays, type CircuitRow, casablancaDate, type Language } from '@madar/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconHourglassHigh } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDate, formatNumber, localeOf } from '../../app/format';
import { nameIn, useReference } from '../../app/queries';
import { useReferenceNames, useTerritoryOptions } from '../../app/reference';
import { useServiceLabels } from '../institutions/labels';
import { useCircuit } from './api';
import { Stat } from './Stat';
import { TableGroupRow } from './TableGroupRow';
import { TerritoryViewHeader, TerritoryViewRoute } from './TerritoryViewHeader';

type Measures = Omit<CircuitRow, 'sectorCode' | 'serviceCode'>;

/** Periods the view offers, in days back from today (the server's default is the last 365 days). */
const PERIODS = [30, 90, 365] as const;
type Period = (typeof PERIODS)[number];

/** A duration as people say it: under two days in hours, beyond in days. */
export function humanDuration(hours: number | null, language: Language, t: TFunction): string {
  if (hours === null) return t('territories.circuit.noData');
  if (hours < 1) return t('territories.circuit.lessThanHour');
  if (hours < 48) {
    const n = Math.round(hours);
    return t('territories.circuit.hours', { count: n, n: formatNumber(n, language) });
  }
  const days = hours / 24;
  const n = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  return t('territories.circuit.days', { count: n, n: formatNumber(n, language) });
}

function percent(share: number | null, language: Language): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(localeOf(language), {
    style: 'percent',
    maximumFractionDigits: 0,
    numberingSystem: 'latn',
  }).format(share);
}

/** Where children wait: cards overdue right now, or most cards answered late. */
const waits = (row: Measures) => row.overdueNow > 0 || (row.overdueShare ?? 0) >= 0.5;

function MobileRow({ row, title, subtitle }: { row: Measures; title: string; subtitle?: string }) {
  const { t } = useTranslation();
  const { language } = useServiceLabels();
  const n = (v: number) => formatNumber(v, language);
  const item = (label: string, value: string, strong = false) => (
    <div>
      <Text size="xs" c="gray.7" component="dt">
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 500} component="dd" m={0} c={strong ? 'red.9' : undefined}>
        {value}
      </Text>
    </div>
  );
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="circuit-card"
      data-waiting={waits(row) ? 'true' : 'false'}
      style={waits(row) ? { borderInlineStart: '4px solid var(--mantine-color-red-7)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="xs">
        <div>
          <Title order={3} size="h5">
            {title}
          </Title>
          {subtitle ? (
            <Text size="xs" c="gray.7">
              {subtitle}
            </Text>
          ) : null}
        </div>
        {row.overdueNow > 0 ? (
          <Badge color="red" variant="filled" style={{ flexShrink: 0 }}>
            {t('territories.circuit.waitingNow', { count: row.overdueNow, n: n(row.overdueNow) })}
          </Badge>
        ) : null}
      </Group>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} component="dl" m={0}>
        {item(t('territories.circuit.cards'), n(row.cards))}
        {item(t('territories.circuit.openNow'), n(row.openNow))}
        {item(t('territories.circuit.completed'), n(row.completed))}
        {item(t('territories.circuit.declinedCancelled'), `${n(row.declined)} · ${n(row.cancelled)}`)}
        {item(
          t('territories.circuit.toAcknowledge'),
          humanDuration(row.medianHoursToAcknowledge, language, t),
        )}
        {item(t('territories.circuit.toComplete'), humanDuration(row.medianHoursToComplete, language, t))}
        {item(
          t('territories.circuit.overdueShare'),
          percent(row.overdueShare, language),
          (row.overdueShare ?? 0) >= 0.5,
        )}
        {item(t('territories.circuit.overdueNow'), n(row.overdueNow), row.overdueNow > 0)}
      </SimpleGrid>
    </Paper>
  );
}

function Cells({ row, strongFirst }: { row: Measures; strongFirst?: boolean }) {
  const { t } = useTranslation();
  const { language } = useServiceLabels();
  const n = (v: number) => formatNumber(v, language);
  const fw = strongFirst ? 700 : undefined;
  return (
    <>
      <Table.Td ta="center" fw={fw}>
        {n(row.cards)}
      </Table.Td>
      <Table.Td ta="center">{n(row.completed)}</Table.Td>
      <Table.Td ta="center">
        {n(row.declined)} · {n(row.cancelled)}
      </Table.Td>
      <Table.Td ta="center">{n(row.openNow)}</Table.Td>
      <Table.Td ta="center">
        {row.overdueNow > 0 ? (
          <Badge color="red" variant="filled">
            {n(row.overdueNow)}
          </Badge>
        ) : (
          n(row.overdueNow)
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {humanDuration(row.medianHoursToAcknowledge, language, t)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {humanDuration(row.medianHoursToComplete, language, t)}
      </Table.Td>
      <Table.Td
        ta="center"
        c={(row.overdueShare ?? 0) >= 0.5 ? 'red.9' : undefined}
        fw={(row.overdueShare ?? 0) >= 0.5 ? 700 : undefined}
      >
        {percent(row.overdueShare, language)}
      </Table.Td>
    </>
  );
}

interface SectorGroup {
  sectorCode: string;
  rows: CircuitRow[];
  overdueNow: number;
}

/** Sectors with the most cards overdue now first, and within each the services where children wait. */
function groupBySector(rows: CircuitRow[]): SectorGroup[] {
  const groups = new Map<string, CircuitRow[]>();
  for (const row of rows) groups.set(row.sectorCode, [...(groups.get(row.sectorCode) ?? []), row]);
  return [...groups.entries()]
    .map(([sectorCode, items]) => ({
      sectorCode,
      rows: [...items].sort(
        (a, b) =>
          b.overdueNow - a.overdueNow ||
          (b.overdueShare ?? 0) - (a.overdueShare ?? 0) ||
          b.cards - a.cards ||
          a.serviceCode.localeCompare(b.serviceCode),
      ),
      overdueNow: items.reduce((sum, r) => sum + r.overdueNow, 0),
    }))
    .sort((a, b) => b.overdueNow - a.overdueNow || a.sectorCode.localeCompare(b.sectorCode));
}

function CircuitView({ territoryCode, national }: { territoryCode: string; national: boolean }) {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const services = useServiceLabels();
  const language = services.language;
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [params, setParams] = useSearchParams();
  const periodParam = Number(params.get('days'));
  const period: Period = (PERIODS as readonly number[]).includes(periodParam) ? (periodParam as Period) : 365;
  const range = useMemo(() => {
    if (period === 365) return {};
    const to = casablancaDate();
    return { from: addDays(to, -(period - 1)), to };
  }, [period]);
  const circuit = useCircuit(territoryCode, range);
  const data = circuit.data;
  const groups = useMemo(() => groupBySector(data?.rows ?? []), [data]);
  const waiting = useMemo(
    () => [...(data?.rows ?? [])].filter((r) => r.overdueNow > 0).sort((a, b) => b.overdueNow - a.overdueNow),
    [data],
  );
  const n = (v: number) => formatNumber(v, language);

  return (
    <>
      <TerritoryViewHeader territoryCode={territoryCode} view="circuit" canChoose={national} />
      <PageHeader
        title={t('territories.circuit.title', { territory: names.territory(territoryCode) })}
        subtitle={t('territories.circuit.subtitle')}
      />
      <Group justify="space-between" align="flex-end" mb="md" gap="xs">
        <Select
          label={t('territories.circuit.period')}
          data={PERIODS.map((d) => ({
            value: String(d),
            label: t('territories.circuit.lastDays', { count: d, n: n(d) }),
          }))}
          value={String(period)}
          onChange={(v) => setParams(v && v !== '365' ? { days: v } : {}, { replace: true })}
          allowDeselect={false}
          w={{ base: '100%', xs: 240 }}
          data-testid="circuit-period"
        />
        {data ? (
          <Text size="sm" c="gray.7">
            {t('territories.circuit.range', {
              from: formatDate(data.from, language),
              to: formatDate(data.to, language),
            })}
          </Text>
        ) : null}
      </Group>
      <ProblemAlert error={circuit.error} onRetry={() => void circuit.refetch()} />
      {circuit.isPending ? <Loading /> : null}
      {data ? (
        <Stack
          gap="md"
          style={{ opacity: circuit.isPlaceholderData ? 0.6 : 1 }}
          aria-busy={circuit.isFetching}
        >
          <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm" data-testid="circuit-totals">
            <Stat label={t('territories.circuit.cards')} value={n(data.totals.cards)} />
            <Stat label={t('territories.circuit.openNow')} value={n(data.totals.openNow)} />
            <Stat
              label={t('territories.circuit.overdueNow')}
              value={n(data.totals.overdueNow)}
              color={data.totals.overdueNow > 0 ? 'red' : 'teal'}
              testId="circuit-overdue-now"
            />
            <Stat
              label={t('territories.circuit.toAcknowledge')}
              value={humanDuration(data.totals.medianHoursToAcknowledge, language, t)}
              hint={t('territories.circuit.median')}
            />
            <Stat
              label={t('territories.circuit.toComplete')}
              value={humanDuration(data.totals.medianHoursToComplete, language, t)}
              hint={t('territories.circuit.median')}
            />
            <Stat
              label={t('territories.circuit.overdueShare')}
              value={percent(data.totals.overdueShare, language)}
              color={(data.totals.overdueShare ?? 0) >= 0.5 ? 'red' : undefined}
            />
          </SimpleGrid>

          {waiting.length > 0 ? (
            <Alert
              color="red"
              variant="light"
              icon={<IconHourglassHigh aria-hidden="true" />}
              title={t('territories.circuit.whereTitle')}
              data-testid="circuit-waiting"
            >
              <List size="sm" spacing={2}>
                {waiting.map((r) => (
                  <List.Item key={`${r.sectorCode}/${r.serviceCode}`}>
                    {t('territories.circuit.whereItem', {
                      count: r.overdueNow,
                      n: n(r.overdueNow),
                      service: services.service(r.serviceCode),
                      sector: names.sector(r.sectorCode),
                    })}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}

          {data.rows.length === 0 ? (
            <Text c="gray.7" data-testid="circuit-empty">
              {t('territories.circuit.empty')}
            </Text>
          ) : wide ? (
            <Paper withBorder radius="md" p="xs">
              <Table.ScrollContainer minWidth={900}>
                <Table verticalSpacing={6} data-testid="circuit-table">
                  <caption style={{ textAlign: 'start', captionSide: 'top', padding: '4px 8px' }}>
                    <Text size="sm" c="gray.7" component="span">
                      {t('territories.circuit.caption')}
                    </Text>
                  </caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('territories.circuit.service')}</Table.Th>
                      <Table.Th scope="col" ta="center">
                        {t('territories.circuit.cards')}
                      </Table.Th>
                      <Table.Th scope="col" ta="center">
                        {t('territories.circuit.completed')}
                      </Table.Th>
                      <Table.Th scope="col" ta="center">
                        {t('territories.circuit.declinedCancelled')}
                      </Table.Th>
                      <Table.Th scope="col" ta="center">
                        {t('territories.circuit.openNow')}
                      </Table.Th>
                      <Table.Th scope="col" ta="center">
                        {t('territories.circuit.overdueNow')}
                      </Table.Th>
                      <Table.Th scope="col">{t('territories.circuit.toAcknowledge')}</Table.Th>
                      <Table.Th scope="col">{t('territories.circuit.toComplete')}</Table.Th>
                      <Table.Th scope="col" ta="center">
                        {t('territories.circuit.overdueShare')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  {groups.map((group) => (
                    <Table.Tbody key={group.sectorCode}>
                      <TableGroupRow columns={9}>{names.sector(group.sectorCode)}</TableGroupRow>
                      {group.rows.map((row) => (
                        <Table.Tr
                          key={row.serviceCode}
                          data-testid="circuit-row"
                          data-service={row.serviceCode}
                          data-waiting={waits(row) ? 'true' : 'false'}
                          bg={waits(row) ? 'red.0' : undefined}
                        >
                          <Table.Th scope="row" fw={400}>
                            <Text size="sm">{services.service(row.serviceCode)}</Text>
                          </Table.Th>
                          <Cells row={row} />
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  ))}
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row">{t('territories.circuit.total')}</Table.Th>
                      <Cells row={data.totals} strongFirst />
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          ) : (
            <Stack gap="md" data-testid="circuit-cards">
              {groups.map((group) => (
                <Stack
                  gap="xs"
                  key={group.sectorCode}
                  component="section"
                  aria-label={names.sector(group.sectorCode)}
                >
                  <Title order={2} size="h4">
                    {names.sector(group.sectorCode)}
                  </Title>
                  {group.rows.map((row) => (
                    <MobileRow key={row.serviceCode} row={row} title={services.service(row.serviceCode)} />
                  ))}
                </Stack>
              ))}
              <MobileRow row={data.totals} title={t('territories.circuit.total')} />
            </Stack>
          )}
          <Text size="xs" c="gray.7">
            {t('territories.circuit.note')}
          </Text>
        </Stack>
      ) : null}
    </>
  );
}

/** A national user chooses the territory to look at; the pilot provinces are one click away. */
function ChooseTerritory() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const territories = useTerritoryOptions();
  const reference = useReference();
  const { language } = useServiceLabels();
  const pilots = (reference.data?.territories ?? []).filter((tr) => tr.pilot);
  return (
    <>
      <PageHeader title={t('territories.circuit.nav')} subtitle={t('territories.circuit.subtitle')} />
      <Select
        label={t('territories.circuit.chooseTerritory')}
        data={territories}
        searchable
        maw={420}
        mb="md"
        onChange={(code) => code && navigate(`/territories/${code}/circuit`)}
        data-testid="circuit-territory"
      />
      {pilots.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="circuit-pilots">
          <Title order={2} size="h5" id="circuit-pilots">
            {t('territories.circuit.pilots')}
          </Title>
          <Group gap="xs">
            {pilots.map((tr) => (
              <Button
                key={tr.code}
                component={Link}
                to={`/territories/${tr.code}/circuit`}
                variant="light"
                size="xs"
              >
                {nameIn(tr, language)}
              </Button>
            ))}
          </Group>
        </Stack>
      ) : null}
    </>
  );
}

/**
 * The circuit view of a territory (item 7 of the coordination issue): for each sector and service,
 * the referral cards sent, how long the receiving services take to acknowledge and to complete them,
 * and the share answered late — where children wait. Aggregates only: no child appears here.
 */
export function CircuitPage() {
  return (
    <TerritoryViewRoute view="circuit" fallback={<ChooseTerritory />}>
      {(code, national) => <CircuitView territoryCode={code} national={national} />}
    </TerritoryViewRoute>
  );
}
