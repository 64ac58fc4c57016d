import { hasAnyRole, type Institution, NATIONAL_ROLES } from '@madar/domain';
import { ActionIcon, Badge, Button, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../app/components/AppModal';

import { EmptyRow } from '../../app/components/EmptyRow';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { canEdit } from '../../app/navigation';
import { useCurrentSession } from '../../app/queries';
import {
  institutionName,
  useReferenceNames,
  useSectorOptions,
  useTerritoryOptions,
} from '../../app/reference';
import { useInstitutions } from './api';
import { InstitutionForm } from './InstitutionForm';

const LIMIT = 20;

export function InstitutionsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useCurrentSession();
  const editable = canEdit('institutions', user.roles);
  // A provincial administrator keeps the institutions of their own territory only.
  const restrictTerritory = hasAnyRole(user.roles, NATIONAL_ROLES) ? null : user.territoryCode;
  const names = useReferenceNames();
  const territories = useTerritoryOptions();
  const sectors = useSectorOptions();

  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [territoryCode, setTerritoryCode] = useState<string | null>(null);
  const [sectorCode, setSectorCode] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>('true');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Institution | 'new' | null>(null);

  const list = useInstitutions({
    q: debouncedQ.trim() || undefined,
    territoryCode: territoryCode ?? undefined,
    sectorCode: sectorCode ?? undefined,
    active: active === 'true' || active === 'false' ? active : undefined,
    limit: LIMIT,
    offset,
  });
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setOffset(0);
    };

  return (
    <>
      <PageHeader
        title={t('institutions.title')}
        subtitle={t('institutions.subtitle')}
        actions={
          editable ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setEditing('new')}
              data-testid="institution-create"
            >
              {t('institutions.create')}
            </Button>
          ) : null
        }
      />
      <FilterBar
        primary={
          <TextInput
            label={t('common.search')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={q}
            onChange={(e) => filter(setQ)(e.currentTarget.value)}
            data-testid="institutions-search"
          />
        }
      >
        <Select
          label={t('institutions.territory')}
          data={territories}
          value={territoryCode}
          onChange={filter(setTerritoryCode)}
          searchable
          clearable
        />
        <Select
          label={t('institutions.sector')}
          data={sectors}
          value={sectorCode}
          onChange={filter(setSectorCode)}
          searchable
          clearable
        />
        <Select
          label={t('common.status')}
          data={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
          value={active}
          onChange={filter(setActive)}
          clearable
          placeholder={t('common.all')}
        />
      </FilterBar>

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
                <Table.Th scope="col">{t('institutions.territory')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                {editable ? (
                  <Table.Th scope="col">
                    <Text component="span" size="sm" fw={700}>
                      {t('common.actions')}
                    </Text>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.length === 0 ? <EmptyRow colSpan={editable ? 6 : 5} /> : null}
              {list.data?.items.map((inst) => (
                <Table.Tr key={inst.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {institutionName(inst, i18n.language)}
                    </Text>
                    <Text size="xs" c="gray.7" lang={i18n.language === 'ar' ? 'fr' : 'ar'}>
                      {i18n.language === 'ar' ? inst.nameFr : inst.nameAr}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`institutionTypes.${inst.type}`)}</Table.Td>
                  <Table.Td>{names.sector(inst.sectorCode)}</Table.Td>
                  <Table.Td>{names.territory(inst.territoryCode)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={inst.active ? 'teal' : 'gray'} variant="light">
                      {inst.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  {editable ? (
                    <Table.Td>
                      {!restrictTerritory || inst.territoryCode === restrictTerritory ? (
                        <Tooltip label={t('common.edit')}>
                          <ActionIcon
                            variant="subtle"
                            onClick={() => setEditing(inst)}
                            aria-label={`${t('common.edit')}: ${institutionName(inst, i18n.language)}`}
                            data-testid={`institution-edit-${inst.id}`}
                          >
                            <IconPencil size={18} aria-hidden="true" />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data ? (
        <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
      ) : null}

      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('institutions.create') : t('institutions.edit')}
        size="lg"
        fullScreen={false}
      >
        {editing !== null ? (
          <InstitutionForm
            institution={editing === 'new' ? undefined : editing}
            restrictTerritory={restrictTerritory}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              notifications.show({ color: 'teal', message: t('common.saved') });
            }}
          />
        ) : null}
      </AppModal>
    </>
  );
}
