import type { TerritoryCoverage } from '@madar/domain';
import {
  Anchor,
  Badge,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconUser } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { institutionName, useReferenceNames } from '../../app/reference';
import { useNationalCoverage, useTerritoryCoverage } from '../institutions/api';
import { useServiceLabels } from '../institutions/labels';
import { Stat } from './Stat';
import { TableGroupRow } from './TableGroupRow';
import { TerritoryViewHeader, TerritoryViewRoute } from './TerritoryViewHeader';

type ServiceCoverage = TerritoryCoverage['services'][number];

/** Services grouped by the stage of the circuit they serve, in the circuit's order. */
function byStage(items: ServiceCoverage[], order: readonly string[]) {
  return order
    .map((stage) => ({ stage, items: items.filter((s) => s.stage === stage) }))
    .filter((g) => g.items.length > 0);
}

/** One list beside the summary: services of the basket, grouped by the stage they serve. */
function ServiceListCard({
  testId,
  titleId,
  color,
  icon,
  title,
  text,
  items,
  empty,
  item,
}: {
  testId: string;
  titleId: string;
  color: string;
  icon: ReactNode;
  title: string;
  text: string;
  items: ServiceCoverage[];
  /** What stands in place of the list when no service is in it. */
  empty: ReactNode;
  item: (service: ServiceCoverage) => ReactNode;
}) {
  const services = useServiceLabels();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Group gap="xs" mb="sm" wrap="nowrap">
        <ThemeIcon color={color} variant="light" aria-hidden="true">
          {icon}
        </ThemeIcon>
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
      </Group>
      <Text size="sm" c="gray.7" mb="sm">
        {text}
      </Text>
      {items.length === 0 ? (
        empty
      ) : (
        <Stack gap="sm">
          {byStage(items, services.stageOrder).map((group) => (
            <div key={group.stage}>
              <Text size="sm" fw={600} mb={4}>
                {services.stage(group.stage)}
              </Text>
              <List size="sm" spacing={4}>
                {group.items.map(item)}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function GapList({ coverage }: { coverage: TerritoryCoverage }) {
  const { t } = useTranslation();
  const services = useServiceLabels();
  const names = useReferenceNames();
  const gaps = coverage.services.filter((s) => s.count === 0);
  return (
    <ServiceListCard
      testId="coverage-gaps"
      titleId="gaps-title"
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title={t('territories.coverage.gapsTitle', { count: gaps.length })}
      text={t('territories.coverage.gapsText')}
      items={gaps}
      empty={
        <Group gap="xs">
          <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden="true" />
          <Text size="sm">{t('territories.coverage.noGaps')}</Text>
        </Group>
      }
      item={(s) => (
        <List.Item key={s.code} data-testid="coverage-gap" data-service={s.code}>
          {services.service(s.code)}
          <Text component="span" size="xs" c="gray.7">
            {' · '}
            {names.sector(s.sectorCode)}
          </Text>
        </List.Item>
      )}
    />
  );
}

function SingleList({ coverage }: { coverage: TerritoryCoverage }) {
  const { t } = useTranslation();
  const services = useServiceLabels();
  const single = coverage.services.filter((s) => s.count === 1);
  return (
    <ServiceListCard
      testId="coverage-single"
      titleId="single-title"
      color="orange"
      icon={<IconUser size={18} />}
      title={t('territories.coverage.singleTitle', { count: single.length })}
      text={t('territories.coverage.singleText')}
      items={single}
      empty={<Text size="sm">{t('territories.coverage.noSingle')}</Text>}
      item={(s) => (
        <List.Item key={s.code} data-testid="coverage-single-service" data-service={s.code}>
          {services.service(s.code)}
          {' — '}
          {s.institutions.map((i) => (
            <Anchor key={i.id} component={Link} to={`/institutions/${i.id}`} size="sm" underline="always">
              {institutionName(i, services.language)}
            </Anchor>
          ))}
        </List.Item>
      )}
    />
  );
}

/** Every service of the basket and who offers it: the table behind the two lists. */
function CoverageTable({ coverage }: { coverage: TerritoryCoverage }) {
  const { t } = useTranslation();
  const services = useServiceLabels();
  const names = useReferenceNames();
  const language = services.language;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="basket-title">
      <Title order={2} size="h4" id="basket-title" mb="sm">
        {t('territories.coverage.basketTitle')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={6} data-testid="coverage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('territories.coverage.service')}</Table.Th>
              <Table.Th scope="col">{t('territories.coverage.sector')}</Table.Th>
              <Table.Th scope="col" ta="center">
                {t('territories.coverage.count')}
              </Table.Th>
              <Table.Th scope="col">{t('territories.coverage.offeredBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          {byStage(coverage.services, services.stageOrder).map((group) => (
            <Table.Tbody key={group.stage}>
              <TableGroupRow columns={4}>{services.stage(group.stage)}</TableGroupRow>
              {group.items.map((s) => (
                <Table.Tr key={s.code}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm">{services.service(s.code)}</Text>
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{names.sector(s.sectorCode)}</Text>
                  </Table.Td>
                  <Table.Td ta="center">
                    <Badge
                      variant={s.count === 0 ? 'filled' : 'light'}
                      color={s.count === 0 ? 'red' : s.count === 1 ? 'orange' : 'teal'}
                    >
                      {formatNumber(s.count, language)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {s.count === 0 ? (
                      <Text size="sm" c="red.9">
                        {t('territories.coverage.nobody')}
                      </Text>
                    ) : (
                      <Text size="sm">
                        {s.institutions.map((i, index) => (
                          <span key={i.id}>
                            {index > 0 ? ' · ' : ''}
                            <Anchor
                              component={Link}
                              to={`/institutions/${i.id}`}
                              size="sm"
                              underline="always"
                            >
                              {institutionName(i, language)}
                            </Anchor>
                          </span>
                        ))}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          ))}
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function TerritoryCoverageView({ territoryCode, national }: { territoryCode: string; national: boolean }) {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const services = useServiceLabels();
  const coverage = useTerritoryCoverage(territoryCode);
  const language = services.language;
  const data = coverage.data;
  return (
    <>
      {/* The actor map is shared knowledge: anyone may look at another territory's coverage. */}
      <TerritoryViewHeader territoryCode={territoryCode} view="coverage" canChoose />
      <PageHeader
        title={t('territories.coverage.title', { territory: names.territory(territoryCode) })}
        subtitle={t('territories.coverage.subtitle')}
      />
      <ProblemAlert error={coverage.error} onRetry={() => void coverage.refetch()} />
      {coverage.isPending ? <Loading /> : null}
      {data ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="coverage-summary">
            <Stat
              label={t('territories.coverage.institutions')}
              value={formatNumber(data.institutions, language)}
            />
            <Stat
              label={t('territories.coverage.offered')}
              value={`${formatNumber(data.services.length - data.gaps.length, language)} / ${formatNumber(data.services.length, language)}`}
            />
            <Stat
              label={t('territories.coverage.gaps')}
              value={formatNumber(data.gaps.length, language)}
              color={data.gaps.length > 0 ? 'red' : 'teal'}
              testId="coverage-gap-count"
            />
            <Stat
              label={t('territories.coverage.single')}
              value={formatNumber(data.single.length, language)}
              color={data.single.length > 0 ? 'orange' : 'teal'}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <GapList coverage={data} />
            <SingleList coverage={data} />
          </SimpleGrid>
          <Group gap="xs">
            <Anchor component={Link} to={`/institutions?territory=${territoryCode}`} size="sm">
              {t('territories.coverage.openMap')}
            </Anchor>
            {national ? (
              <Anchor component={Link} to="/coverage" size="sm">
                {t('territories.coverage.nationalTitle')}
              </Anchor>
            ) : null}
          </Group>
          <CoverageTable coverage={data} />
        </Stack>
      ) : null}
    </>
  );
}

/** The whole country at a glance: for each territory, how many services nobody or only one offers. */
function NationalCoverageView() {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const services = useServiceLabels();
  const coverage = useNationalCoverage(true);
  const language = services.language;
  const rows = useMemo(
    () =>
      // Territories whose actor map is filled in first, most gaps first; those still empty after.
      [...(coverage.data?.territories ?? [])].sort(
        (a, b) =>
          Number(b.institutions > 0) - Number(a.institutions > 0) ||
          b.gaps - a.gaps ||
          b.single - a.single ||
          a.territoryCode.localeCompare(b.territoryCode),
      ),
    [coverage.data],
  );
  return (
    <>
      <PageHeader
        title={t('territories.coverage.nationalTitle')}
        subtitle={t('territories.coverage.nationalSubtitle')}
      />
      <ProblemAlert error={coverage.error} onRetry={() => void coverage.refetch()} />
      {coverage.isPending ? <Loading /> : null}
      {coverage.data ? (
        <Paper withBorder p="md" radius="md">
          <Table.ScrollContainer minWidth={520}>
            <Table striped verticalSpacing={6} data-testid="national-coverage">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('territories.name')}</Table.Th>
                  <Table.Th scope="col" ta="center">
                    {t('territories.coverage.institutions')}
                  </Table.Th>
                  <Table.Th scope="col" ta="center">
                    {t('territories.coverage.gaps')}
                  </Table.Th>
                  <Table.Th scope="col" ta="center">
                    {t('territories.coverage.single')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.territoryCode}>
                    <Table.Th scope="row" fw={400}>
                      <Anchor component={Link} to={`/territories/${row.territoryCode}/coverage`} size="sm">
                        {names.territory(row.territoryCode)}
                      </Anchor>
                      <Text size="xs" c="gray.7">
                        {names.region(row.regionCode)}
                        {row.pilot ? ` · ${t('territories.pilot')}` : ''}
                      </Text>
                    </Table.Th>
                    <Table.Td ta="center">{formatNumber(row.institutions, language)}</Table.Td>
                    {row.institutions === 0 ? (
                      <Table.Td colSpan={2} ta="center">
                        <Text size="sm" c="gray.7">
                          {t('territories.coverage.noActorMap')}
                        </Text>
                      </Table.Td>
                    ) : (
                      <>
                        <Table.Td ta="center">
                          <Badge color={row.gaps > 0 ? 'red' : 'teal'} variant="light">
                            {formatNumber(row.gaps, language)} /{' '}
                            {formatNumber(coverage.data.basketSize, language)}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="center">{formatNumber(row.single, language)}</Table.Td>
                      </>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
    </>
  );
}

/**
 * Coverage of the basket of services (the provincial diagnosis' gaps): the services no institution of
 * a territory offers, and those only one offers. Without a territory: the user's own, or the
 * national overview for national roles.
 */
export function CoveragePage() {
  // The actor map is shared knowledge: anyone may look at another territory's coverage.
  return (
    <TerritoryViewRoute view="coverage" fallback={<NationalCoverageView />}>
      {(code, national) => <TerritoryCoverageView territoryCode={code} national={national} />}
    </TerritoryViewRoute>
  );
}
