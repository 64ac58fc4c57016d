import type { Language } from '@madar/domain';
import { Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyRow } from '../../app/components/EmptyRow';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { casablancaDayBound, formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames, useTerritoryOptions } from '../../app/reference';
import { currentLanguage } from '../../i18n';
import { ACCESS_KINDS, type AccessLogRow, accessKindKey, useAccessLog } from './api';

const LIMIT = 50;

/** Log rows have no id: who, when, what and which child make one, numbered if ever repeated. */
function withKeys(rows: readonly AccessLogRow[]): (AccessLogRow & { key: string })[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = [row.at, row.userId, row.what, row.childId, row.targetId].join('|');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { ...row, key: n ? `${base}|${n}` : base };
  });
}

/** What was seen, in words; an identity seen through the PDF report says so (it is logged twice). */
function KindLabel({ row }: { row: AccessLogRow }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" component="span">
        {t(accessKindKey(row.what), { defaultValue: row.what })}
      </Text>
      {row.what === 'identity' && row.targetId === 'report_pdf' ? (
        <Text size="xs" c="gray.7">
          {t('accessLog.viaPdf')}
        </Text>
      ) : null}
    </>
  );
}

function UserCell({ row }: { row: AccessLogRow }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {row.userFullName}
      </Text>
      <Text size="xs" c="gray.7" className="madar-mono">
        {row.userLogin}
      </Text>
    </>
  );
}

function ChildCode({ code }: { code: string | null }) {
  return code ? (
    <Text size="sm" className="madar-mono">
      {code}
    </Text>
  ) : (
    <Text size="sm" c="gray.7">
      —
    </Text>
  );
}

export function AccessLogPage() {
  const { t } = useTranslation();
  const language: Language = currentLanguage();
  const { user } = useCurrentSession();
  // A national auditor (no territory) may look at every territory; everyone else sees their own.
  const national = user.territoryCode === null;
  const names = useReferenceNames();
  const territories = useTerritoryOptions();
  const wide = useMediaQuery('(min-width: 48em)', true);

  const [territoryCode, setTerritoryCode] = useState<string | null>(null);
  const [childCode, setChildCode] = useState('');
  const [login, setLogin] = useState('');
  const [what, setWhat] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [debounced] = useDebouncedValue({ childCode, login }, 350);

  const badRange = from !== '' && to !== '' && from > to;
  const log = useAccessLog(
    {
      territoryCode: national ? (territoryCode ?? undefined) : undefined,
      childCode: debounced.childCode.trim() || undefined,
      login: debounced.login.trim() || undefined,
      what: what ?? undefined,
      from: from ? casablancaDayBound(from, 'start') : undefined,
      to: to ? casablancaDayBound(to, 'end') : undefined,
      limit: LIMIT,
      offset,
    },
    !badRange,
  );
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setOffset(0);
    };
  const showTerritory = national && territoryCode === null;
  // An impossible range is not sent: the field says why, and the list stays empty meanwhile.
  const items = useMemo(() => withKeys(badRange ? [] : (log.data?.items ?? [])), [badRange, log.data]);

  return (
    <>
      <PageHeader title={t('accessLog.title')} subtitle={t('accessLog.purpose')} />
      {!national && user.territoryCode ? (
        <Text size="sm" mb="sm" data-testid="access-log-scope">
          {t('accessLog.scope', { territory: names.territory(user.territoryCode) })}
        </Text>
      ) : null}
      <FilterBar
        cols={national ? 3 : 5}
        primary={
          <TextInput
            label={t('accessLog.childCode')}
            placeholder="TNG-2026-00042"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={childCode}
            onChange={(e) => filter(setChildCode)(e.currentTarget.value.toUpperCase())}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            data-testid="access-log-filter-child"
          />
        }
      >
        <TextInput
          label={t('accessLog.login')}
          placeholder="as.tanger"
          value={login}
          onChange={(e) => filter(setLogin)(e.currentTarget.value)}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          data-testid="access-log-filter-login"
        />
        <Select
          label={t('accessLog.kind')}
          data={ACCESS_KINDS.map((k) => ({ value: k, label: t(accessKindKey(k)) }))}
          value={what}
          onChange={filter(setWhat)}
          clearable
          placeholder={t('common.all')}
          data-testid="access-log-filter-what"
        />
        {national ? (
          <Select
            label={t('accessLog.territory')}
            data={territories}
            value={territoryCode}
            onChange={filter(setTerritoryCode)}
            searchable
            clearable
            placeholder={t('accessLog.allTerritories')}
            nothingFoundMessage={t('common.noResults')}
            data-testid="access-log-filter-territory"
          />
        ) : null}
        <TextInput
          label={t('accessLog.from')}
          type="date"
          value={from}
          onChange={(e) => filter(setFrom)(e.currentTarget.value)}
          data-testid="access-log-filter-from"
        />
        <TextInput
          label={t('accessLog.to')}
          type="date"
          value={to}
          onChange={(e) => filter(setTo)(e.currentTarget.value)}
          error={badRange ? t('accessLog.badRange') : undefined}
          data-testid="access-log-filter-to"
        />
      </FilterBar>

      <ProblemAlert error={log.error} onRetry={() => void log.refetch()} />
      {log.isPending && !badRange ? (
        <Loading />
      ) : wide ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" data-testid="access-log-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accessLog.at')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.user')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.kind')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.child')}</Table.Th>
                {showTerritory ? <Table.Th scope="col">{t('accessLog.territory')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? <EmptyRow colSpan={showTerritory ? 5 : 4} /> : null}
              {items.map((row) => (
                <Table.Tr key={row.key} data-testid="access-log-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" className="madar-mono">
                      {formatDateTime(row.at, language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <UserCell row={row} />
                  </Table.Td>
                  <Table.Td>
                    <KindLabel row={row} />
                  </Table.Td>
                  <Table.Td>
                    <ChildCode code={row.childCode} />
                  </Table.Td>
                  {showTerritory ? (
                    <Table.Td>
                      <Text size="sm">{row.territoryCode ? names.territory(row.territoryCode) : '—'}</Text>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          data-testid="access-log-table"
        >
          {items.length === 0 ? (
            <Text component="li" ta="center" c="gray.7" py="md" size="sm">
              {t('common.noResults')}
            </Text>
          ) : null}
          {items.map((row) => (
            <Paper component="li" withBorder radius="md" p="sm" key={row.key} data-testid="access-log-row">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <div>
                  <KindLabel row={row} />
                </div>
                <ChildCode code={row.childCode} />
              </Group>
              <Text size="xs" c="gray.7" mt={4}>
                <span className="madar-mono">{formatDateTime(row.at, language)}</span>
              </Text>
              <Group gap={6} mt={4} wrap="wrap">
                <Text size="sm" fw={500}>
                  {row.userFullName}
                </Text>
                <Text size="xs" c="gray.7" className="madar-mono">
                  {row.userLogin}
                </Text>
              </Group>
              {showTerritory && row.territoryCode ? (
                <Text size="xs" c="gray.7" mt={2}>
                  {names.territory(row.territoryCode)}
                </Text>
              ) : null}
            </Paper>
          ))}
        </Stack>
      )}
      {log.data && !badRange ? (
        <Pager total={log.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
      ) : null}
    </>
  );
}
