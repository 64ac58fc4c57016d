import { INSTITUTION_TYPES, type InstitutionType } from '@madar/domain';
import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChartPie, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AppModal } from '../../app/components/AppModal';
import { EmptyRow } from '../../app/components/EmptyRow';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useListParams } from '../../app/listParams';
import {
  institutionName,
  useReferenceNames,
  useSectorOptions,
  useTerritoryOptions,
} from '../../app/reference';
import { useInstitutions } from './api';
import { ExportButtons, ImportButton } from './ImportExport';
import { InstitutionForm } from './InstitutionForm';
import { useServiceLabels } from './labels';
import { useActorMapPermissions } from './permissions';

const LIMIT = 20;
/** The territory filter's value for "every territory" (a national user's default). */
const ALL = 'all';

const isType = (value: string | null): value is InstitutionType =>
  (INSTITUTION_TYPES as readonly string[]).includes(value ?? '');

/**
 * The actor map (خارطة الفاعلين): the institutions of a territory, filtered by sector, type, service
 * and status. The filters live in the URL (codes only), so the institution's page leads back to the
 * same list.
 */
export function InstitutionsPage() {
  const { t } = useTranslation();
  const permissions = useActorMapPermissions();
  const names = useReferenceNames();
  const territories = useTerritoryOptions();
  const sectors = useSectorOptions();
  const services = useServiceLabels();
  const language = services.language;
  const navigate = useNavigate();
  const { params, offset, update } = useListParams();

  const territoryParam = params.get('territory');
  const territoryCode =
    territoryParam === ALL ? null : (territoryParam ?? permissions.homeTerritory ?? null) || null;
  const sectorCode = params.get('sector') || null;
  const typeParam = params.get('type');
  const type = isType(typeParam) ? typeParam : null;
  const serviceCode = params.get('service') || null;
  const activeParam = params.get('active');
  const active = activeParam === 'all' ? null : activeParam === 'false' ? 'false' : 'true';

  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [creating, setCreating] = useState(false);

  // The search box writes to the URL once the user pauses typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives this
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedQ.trim()) update({ q: debouncedQ.trim() || null });
  }, [debouncedQ]);

  const list = useInstitutions({
    q: params.get('q') || undefined,
    territoryCode: territoryCode ?? undefined,
    sectorCode: sectorCode ?? undefined,
    type: type ?? undefined,
    serviceCode: serviceCode ?? undefined,
    active: active ?? undefined,
    limit: LIMIT,
    offset,
  });

  const typeOptions = INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionTypes.${v}`) }));
  const mayCreate = permissions.editable && (!territoryCode || permissions.mayEdit(territoryCode));

  return (
    <>
      <PageHeader
        title={t('institutions.title')}
        subtitle={territoryCode ? names.territory(territoryCode) : t('institutions.allTerritories')}
        actions={
          <>
            <Button
              component={Link}
              to={territoryCode ? `/territories/${territoryCode}/coverage` : '/coverage'}
              variant="light"
              leftSection={<IconChartPie size={16} aria-hidden="true" />}
              data-testid="institutions-coverage"
            >
              {t('institutions.coverageLink')}
            </Button>
            {mayCreate ? (
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setCreating(true)}
                data-testid="institution-create"
              >
                {t('institutions.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <FilterBar
        cols={3}
        primary={
          <TextInput
            label={t('common.search')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-testid="institutions-search"
          />
        }
      >
        <Select
          label={t('institutions.territory')}
          data={[{ value: ALL, label: t('institutions.allTerritories') }, ...territories]}
          value={territoryCode ?? ALL}
          onChange={(v) => update({ territory: v ?? ALL })}
          searchable
          allowDeselect={false}
          data-testid="institutions-filter-territory"
        />
        <Select
          label={t('institutions.sector')}
          data={sectors}
          value={sectorCode}
          onChange={(v) => update({ sector: v })}
          searchable
          clearable
          placeholder={t('common.all')}
          data-testid="institutions-filter-sector"
        />
        <Select
          label={t('institutions.type')}
          data={typeOptions}
          value={type}
          onChange={(v) => update({ type: v })}
          searchable
          clearable
          placeholder={t('common.all')}
          data-testid="institutions-filter-type"
        />
        <Select
          label={t('institutions.service')}
          data={services.options}
          value={serviceCode}
          onChange={(v) => update({ service: v })}
          searchable
          clearable
          placeholder={t('common.all')}
          data-testid="institutions-filter-service"
        />
        <Select
          label={t('common.status')}
          data={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
            { value: 'all', label: t('common.all') },
          ]}
          value={active ?? 'all'}
          onChange={(v) => update({ active: v === 'true' ? null : v })}
          allowDeselect={false}
          data-testid="institutions-filter-active"
        />
      </FilterBar>

      <Group justify="space-between" mb="sm" gap="xs">
        <Text size="sm" c="gray.7" aria-live="polite">
          {list.data ? t('common.resultCount', { total: formatNumber(list.data.total, language) }) : null}
        </Text>
        <Group gap="xs">
          <ExportButtons territoryCode={territoryCode} />
          {permissions.mayImport ? <ImportButton /> : null}
        </Group>
      </Group>

      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="institutions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('institutions.name')}</Table.Th>
                <Table.Th scope="col">{t('institutions.type')}</Table.Th>
                <Table.Th scope="col">{t('institutions.sector')}</Table.Th>
                <Table.Th scope="col">{t('institutions.services')}</Table.Th>
                <Table.Th scope="col">{t('institutions.place')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.length === 0 ? <EmptyRow colSpan={6} /> : null}
              {list.data?.items.map((inst) => (
                <Table.Tr key={inst.id} data-testid="institution-row">
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/institutions/${inst.id}`}
                      size="sm"
                      fw={500}
                      data-testid={`institution-open-${inst.id}`}
                    >
                      {institutionName(inst, language)}
                    </Anchor>
                    <Text size="xs" c="gray.7" lang={language === 'ar' ? 'fr' : 'ar'}>
                      {language === 'ar' ? inst.nameFr : inst.nameAr}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`institutionTypes.${inst.type}`)}</Table.Td>
                  <Table.Td>{names.sector(inst.sectorCode)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" title={inst.services.map(services.service).join(' · ')}>
                      {t('institutions.serviceCount', { count: inst.services.length })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {[
                        inst.commune ? (language === 'ar' ? inst.commune.nameAr : inst.commune.nameFr) : null,
                        territoryCode ? null : names.territory(inst.territoryCode),
                      ]
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={inst.active ? 'teal' : 'gray'} variant="light">
                      {inst.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data ? (
        <Pager
          total={list.data.total}
          limit={LIMIT}
          offset={offset}
          onChange={(next) => update({ offset: String(next) })}
        />
      ) : null}

      <AppModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('institutions.create')}
        size="xl"
      >
        {creating ? (
          <InstitutionForm
            restrictTerritory={permissions.restrictTerritory}
            defaultTerritory={territoryCode}
            onCancel={() => setCreating(false)}
            onSaved={(saved) => {
              setCreating(false);
              notifications.show({ color: 'teal', message: t('common.saved') });
              // The new institution's page is where its contact points are added.
              navigate(`/institutions/${saved.id}`);
            }}
          />
        ) : null}
      </AppModal>
    </>
  );
}
