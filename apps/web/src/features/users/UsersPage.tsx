import { hasAnyRole, NATIONAL_ROLES, ROLES, type Role } from '@madar/domain';
import { Anchor, Button, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AppModal } from '../../app/components/AppModal';
import { EmptyRow } from '../../app/components/EmptyRow';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames, useRoleOptions, useTerritoryOptions } from '../../app/reference';
import { currentLanguage } from '../../i18n';
import { useUsers } from './api';
import { RoleBadges, UserStatusBadges } from './labels';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';
import { UserForm } from './UserForm';

const LIMIT = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user: me } = useCurrentSession();
  const national = hasAnyRole(me.roles, NATIONAL_ROLES);
  const names = useReferenceNames();
  const territories = useTerritoryOptions(national ? null : me.territoryCode);
  const roleOptions = useRoleOptions(ROLES);

  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [territoryCode, setTerritoryCode] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; login: string; password: string } | null>(null);

  const list = useUsers({
    q: debouncedQ.trim() || undefined,
    // A provincial administrator may only list the accounts of their own territory.
    territoryCode: (national ? territoryCode : me.territoryCode) ?? undefined,
    role: (role as Role | null) ?? undefined,
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
  const language = currentLanguage();

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        }
      />
      <FilterBar
        primary={
          <TextInput
            label={t('common.search')}
            description={t('users.searchHelp')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={q}
            onChange={(e) => filter(setQ)(e.currentTarget.value)}
            data-testid="users-search"
          />
        }
      >
        <Select
          label={t('users.territory')}
          data={territories}
          value={territoryCode}
          onChange={filter(setTerritoryCode)}
          searchable
          clearable
        />
        <Select
          label={t('users.role')}
          data={roleOptions}
          value={role}
          onChange={filter(setRole)}
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
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.fullName')}</Table.Th>
                <Table.Th scope="col">{t('users.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.territory')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.length === 0 ? <EmptyRow colSpan={5} /> : null}
              {list.data?.items.map((u) => (
                <Table.Tr key={u.id} data-testid={`user-row-${u.login}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/users/${u.id}`} fw={500} size="sm">
                      {u.fullName}
                    </Anchor>
                    <Text size="xs" c="gray.7" className="madar-mono">
                      {u.login}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadges roles={u.roles} />
                  </Table.Td>
                  <Table.Td>
                    {u.territoryCode ? names.territory(u.territoryCode) : t('users.nationalScope')}
                  </Table.Td>
                  <Table.Td>
                    <UserStatusBadges user={u} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {u.lastLoginAt ? formatDateTime(u.lastLoginAt, language) : t('users.never')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data ? (
        <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
      ) : null}

      <AppModal opened={creating} onClose={() => setCreating(false)} title={t('users.create')} size="lg">
        {creating ? (
          <UserForm
            onCancel={() => setCreating(false)}
            onCreated={(result) => {
              setCreating(false);
              setCreated({
                id: result.user.id,
                login: result.user.login,
                password: result.temporaryPassword,
              });
            }}
          />
        ) : null}
      </AppModal>
      <TemporaryPasswordModal
        password={created?.password ?? null}
        login={created?.login ?? ''}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) navigate(`/users/${id}`);
        }}
      />
    </>
  );
}
