import { AUDIT_EVENTS, type AuditEntry, type AuditEvent } from '@madar/domain';
import { ActionIcon, Badge, Code, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileDescription } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../app/components/AppModal';

import { EmptyRow } from '../../app/components/EmptyRow';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { casablancaDayBound, formatDateTime } from '../../app/format';
import { useReferenceNames } from '../../app/reference';
import { currentLanguage } from '../../i18n';
import { useAuditLog } from './api';

const LIMIT = 50;

function EntryDetails({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <AppModal opened={entry !== null} onClose={onClose} title={t('audit.details')} size="lg">
      {entry ? (
        <Stack gap="xs">
          <Text size="sm">
            <b>{t('audit.at')}:</b> {formatDateTime(entry.at, language)}
          </Text>
          <Text size="sm">
            <b>{t('audit.event')}:</b> {t(`auditEvents.${entry.event}`, { defaultValue: entry.event })}
          </Text>
          <Text size="sm">
            <b>{t('audit.target')}:</b> {entry.targetType ?? '—'}{' '}
            <span className="madar-mono">{entry.targetId ?? ''}</span>
          </Text>
          <Text size="sm">
            <b>{t('audit.userAgent')}:</b> <span className="madar-mono">{entry.userAgent ?? '—'}</span>
          </Text>
          <Text size="sm">
            <b>{t('audit.requestId')}:</b> <span className="madar-mono">{entry.requestId ?? '—'}</span>
          </Text>
          <Code block className="madar-mono">
            {JSON.stringify(entry.details, null, 2)}
          </Code>
        </Stack>
      ) : null}
    </AppModal>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const [event, setEvent] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [debouncedActor] = useDebouncedValue(actor, 300);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [shown, setShown] = useState<AuditEntry | null>(null);
  const language = currentLanguage();

  const log = useAuditLog({
    event: (event as AuditEvent | null) ?? undefined,
    outcome: outcome === 'success' || outcome === 'failure' ? outcome : undefined,
    actor: debouncedActor.trim() || undefined,
    from: from ? casablancaDayBound(from, 'start') : undefined,
    to: to ? casablancaDayBound(to, 'end') : undefined,
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
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <FilterBar cols={5}>
        <Select
          label={t('audit.event')}
          data={AUDIT_EVENTS.map((e) => ({ value: e, label: t(`auditEvents.${e}`, { defaultValue: e }) }))}
          value={event}
          onChange={filter(setEvent)}
          searchable
          clearable
          placeholder={t('common.all')}
          data-testid="audit-event-filter"
        />
        <Select
          label={t('audit.outcome')}
          data={[
            { value: 'success', label: t('outcomes.success') },
            { value: 'failure', label: t('outcomes.failure') },
          ]}
          value={outcome}
          onChange={filter(setOutcome)}
          clearable
          placeholder={t('common.all')}
        />
        <TextInput
          label={t('audit.actor')}
          value={actor}
          onChange={(e) => filter(setActor)(e.currentTarget.value)}
          dir="ltr"
          data-testid="audit-actor-filter"
        />
        <TextInput
          label={t('audit.from')}
          type="date"
          value={from}
          onChange={(e) => filter(setFrom)(e.currentTarget.value)}
        />
        <TextInput
          label={t('audit.to')}
          type="date"
          value={to}
          onChange={(e) => filter(setTo)(e.currentTarget.value)}
        />
      </FilterBar>

      <ProblemAlert error={log.error} onRetry={() => void log.refetch()} />
      {log.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.at')}</Table.Th>
                <Table.Th scope="col">{t('audit.event')}</Table.Th>
                <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.territory')}</Table.Th>
                <Table.Th scope="col">{t('audit.ip')}</Table.Th>
                <Table.Th scope="col">{t('audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data?.items.length === 0 ? <EmptyRow colSpan={7} /> : null}
              {log.data?.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, language)}</Table.Td>
                  <Table.Td>{t(`auditEvents.${entry.event}`, { defaultValue: entry.event })}</Table.Td>
                  <Table.Td>
                    <Badge color={entry.outcome === 'success' ? 'teal' : 'red'} variant="light">
                      {t(`outcomes.${entry.outcome}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <span className="madar-mono">{entry.actorLogin ?? '—'}</span>
                  </Table.Td>
                  <Table.Td>{entry.territoryCode ? names.territory(entry.territoryCode) : '—'}</Table.Td>
                  <Table.Td>
                    <span className="madar-mono">{entry.ip ?? '—'}</span>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('audit.details')}>
                      <ActionIcon
                        variant="subtle"
                        onClick={() => setShown(entry)}
                        aria-label={`${t('audit.details')}: ${t(`auditEvents.${entry.event}`, { defaultValue: entry.event })} ${formatDateTime(entry.at, language)}`}
                      >
                        <IconFileDescription size={18} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.data ? <Pager total={log.data.total} limit={LIMIT} offset={offset} onChange={setOffset} /> : null}
      <EntryDetails entry={shown} onClose={() => setShown(null)} />
    </>
  );
}
