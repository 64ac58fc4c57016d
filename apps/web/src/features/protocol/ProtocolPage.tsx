import {
  type ProtocolRuleValues,
  type ProtocolStage,
  protocolSchema,
  STAGE_MAX_DELAY_DAYS,
} from '@madar/domain';
import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDeviceFloppy, IconInfoCircle, IconPencil, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { ApiError } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { SaveProblem } from '../../app/components/SaveProblem';
import { formatNumber } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames, useTerritoryOptions } from '../../app/reference';
import { useLanguage } from '../instruments/labels';
import { fetchProtocol, type Protocol, protocolKey, useProtocol, useReplaceProtocol } from './api';
import { useProtocolLabels } from './labels';
import { RuleForm } from './RuleForm';
import { RuleGroups, type RuleRow } from './RuleGroups';
import { canEditProtocol } from './roles';

const NATIONAL = 'national';

function valuesOf(row: RuleRow): ProtocolRuleValues {
  return {
    stage: row.stage,
    harmForm: row.harmForm,
    situation: row.situation,
    serviceCode: row.serviceCode,
    sectorCode: row.sectorCode,
    maxDelayDays: row.maxDelayDays,
  };
}

const snapshot = (rows: readonly RuleRow[]) => JSON.stringify(rows.map(valuesOf));

const rowsOf = (protocol: Protocol | undefined): RuleRow[] =>
  (protocol?.rules ?? []).map((r) => ({ ...valuesOf({ ...r, key: r.id }), key: r.id }));

/** Server messages `rules.3.serviceCode` → row key of the 4th rule sent → field → message. */
function rowErrorsOf(error: unknown, sentKeys: readonly string[]) {
  const out: Record<string, Record<string, string>> = {};
  if (!(error instanceof ApiError)) return out;
  for (const field of error.problem.fields ?? []) {
    const match = /^rules\.(\d+)\.(\w+)$/.exec(field.path);
    const key = match ? sentKeys[Number(match[1])] : undefined;
    if (!match || key === undefined) continue;
    const row = out[key] ?? {};
    row[match[2]!] ??= field.message;
    out[key] = row;
  }
  return out;
}

type Editor = { mode: 'add'; stage: ProtocolStage } | { mode: 'edit'; key: string } | null;

export function ProtocolPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useCurrentSession();
  const client = useQueryClient();
  const names = useReferenceNames();
  const labels = useProtocolLabels();
  const territoryOptions = useTerritoryOptions();

  const nationalUser = user.territoryCode === null;
  const [scope, setScope] = useState<string>(user.territoryCode ?? NATIONAL);
  const territoryCode = scope === NATIONAL ? null : scope;
  const protocol = useProtocol(territoryCode);
  const replace = useReplaceProtocol();
  const editable = canEditProtocol(user, territoryCode);
  const territoryName = territoryCode ? names.territory(territoryCode) : '';

  const [harmForm, setHarmForm] = useState<string | null>(null);
  const [situation, setSituation] = useState<string | null>(null);

  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<RuleRow[]>([]);
  const [baseline, setBaseline] = useState('');
  // The version the draft started from, kept while editing: the page's query may refetch meanwhile,
  // and saving over someone else's newer set must be refused, not slip through with their version.
  const [baseVersion, setBaseVersion] = useState(0);
  const [rowErrors, setRowErrors] = useState<Record<string, Record<string, string>>>({});
  const [editor, setEditor] = useState<Editor>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [loadingNational, setLoadingNational] = useState(false);
  const counter = useRef(0);
  const newKey = () => {
    counter.current += 1;
    return `new-${counter.current}`;
  };

  const dirty = editing && snapshot(draft) !== baseline;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const rows: RuleRow[] = useMemo(() => rowsOf(protocol.data), [protocol.data]);
  // With a form of harm or a situation chosen, the rules that would apply to such a child (as the
  // plan suggestions match them): the rules for every child, and those naming what was chosen.
  const shown = useMemo(
    () =>
      harmForm === null && situation === null
        ? rows
        : rows.filter(
            (r) =>
              (r.harmForm === null || r.harmForm === harmForm) &&
              (r.situation === null || r.situation === situation),
          ),
    [rows, harmForm, situation],
  );

  function startEditing(from: readonly RuleRow[], version: number) {
    const copy = from.map((r) => ({ ...r, key: newKey() }));
    setDraft(copy);
    setBaseline(snapshot(copy));
    setBaseVersion(version);
    setRowErrors({});
    replace.reset();
    setEditing(true);
  }

  /** After a 409: the protocol as someone else saved it, shown, and in the editor again. */
  function reloadCurrent(current: Protocol) {
    client.setQueryData(protocolKey(territoryCode), current);
    // A newer national set is also what every inheriting territory now shows.
    if (territoryCode === null) void client.invalidateQueries({ queryKey: ['protocol'] });
    if (editing) {
      startEditing(rowsOf(current), current.version);
      notifications.show({ color: 'orange', message: t('protocol.reloaded') });
    } else {
      setConfirmReset(false);
    }
  }

  function stopEditing() {
    setEditing(false);
    setDraft([]);
    setRowErrors({});
    setEditor(null);
    replace.reset();
  }

  async function restartFromNational() {
    setLoadingNational(true);
    try {
      const national = await client.fetchQuery({
        queryKey: protocolKey(null),
        queryFn: ({ signal }) => fetchProtocol(null, signal),
      });
      setDraft(national.rules.map((r) => ({ ...valuesOf({ ...r, key: r.id }), key: newKey() })));
      setRowErrors({});
      replace.reset();
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setLoadingNational(false);
    }
  }

  function save() {
    const sentKeys = draft.map((r) => r.key);
    replace.mutate(
      { territoryCode, rules: draft.map(valuesOf), version: baseVersion },
      {
        onSuccess: (saved) => {
          stopEditing();
          notifications.show({
            color: 'teal',
            message: saved.inherited ? t('protocol.returned') : t('protocol.saved'),
          });
        },
        onError: (error) => setRowErrors(rowErrorsOf(error, sentKeys)),
      },
    );
  }

  function returnToNational() {
    if (!protocol.data) return;
    replace.mutate(
      { territoryCode, rules: [], version: protocol.data.version },
      {
        onSuccess: () => {
          setConfirmReset(false);
          notifications.show({ color: 'teal', message: t('protocol.returned') });
        },
      },
    );
  }

  const editedRow = editor?.mode === 'edit' ? (draft.find((r) => r.key === editor.key) ?? null) : null;
  const errorCount = Object.keys(rowErrors).length;

  const scopeOptions = nationalUser
    ? [
        { group: t('protocol.national'), items: [{ value: NATIONAL, label: t('protocol.nationalDefault') }] },
        ...territoryOptions,
      ]
    : [
        ...(user.territoryCode
          ? [{ value: user.territoryCode, label: names.territory(user.territoryCode) }]
          : []),
        { value: NATIONAL, label: t('protocol.nationalDefault') },
      ];

  const scopeActions =
    editable && !editing && protocol.data ? (
      <>
        <Button
          leftSection={<IconPencil size={16} aria-hidden="true" />}
          onClick={() => startEditing(rows, protocol.data.version)}
          data-testid="protocol-edit"
        >
          {protocol.data.inherited ? t('protocol.startFromNational') : t('protocol.edit')}
        </Button>
        {territoryCode !== null && !protocol.data.inherited ? (
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} aria-hidden="true" />}
            onClick={() => setConfirmReset(true)}
            data-testid="protocol-reset"
          >
            {t('protocol.returnToNational')}
          </Button>
        ) : null}
      </>
    ) : undefined;

  return (
    <>
      <PageHeader title={t('protocol.title')} subtitle={t('protocol.subtitle')} />

      <Stack gap="md">
        <Select
          label={t('protocol.scope')}
          data={scopeOptions}
          value={scope}
          onChange={(value) => {
            if (!value) return;
            setScope(value);
            setHarmForm(null);
            setSituation(null);
          }}
          allowDeselect={false}
          searchable={nationalUser}
          disabled={editing}
          nothingFoundMessage={t('common.noResults')}
          maw={420}
          data-testid="protocol-scope"
        />

        {protocol.data ? (
          <Alert
            color="blue"
            variant="light"
            icon={<IconInfoCircle aria-hidden="true" />}
            data-testid="protocol-origin"
          >
            <Text size="sm">
              {territoryCode === null
                ? t('protocol.nationalInfo')
                : protocol.data.inherited
                  ? t('protocol.inheritedInfo', { territory: territoryName })
                  : t('protocol.ownInfo', { territory: territoryName })}
            </Text>
            {scopeActions ? (
              <Group gap="xs" mt="sm">
                {scopeActions}
              </Group>
            ) : null}
          </Alert>
        ) : null}

        <ProblemAlert error={protocol.error} onRetry={() => void protocol.refetch()} />

        {editing ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconPencil aria-hidden="true" />}
            data-testid="protocol-editing"
          >
            <Text size="sm">
              {territoryCode === null
                ? t('protocol.editingNational', { n: formatNumber(draft.length, language) })
                : t('protocol.editingTerritory', {
                    territory: territoryName,
                    n: formatNumber(draft.length, language),
                  })}
            </Text>
          </Alert>
        ) : null}
        {editing ? (
          // The save bar stays in view while the user works down a long list of rules.
          <Paper
            withBorder
            shadow="sm"
            radius="md"
            p="xs"
            style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 0rem) + 4px)', zIndex: 5 }}
            data-testid="protocol-save-bar"
          >
            <Group gap="xs">
              <Button
                leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}
                onClick={save}
                loading={replace.isPending}
                data-testid="protocol-save"
              >
                {t('protocol.save')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconX size={16} aria-hidden="true" />}
                onClick={stopEditing}
                disabled={replace.isPending}
                data-testid="protocol-cancel"
              >
                {t('common.cancel')}
              </Button>
              {territoryCode !== null ? (
                <Button
                  variant="subtle"
                  onClick={() => void restartFromNational()}
                  loading={loadingNational}
                  disabled={replace.isPending}
                  data-testid="protocol-from-national"
                >
                  {t('protocol.restartFromNational')}
                </Button>
              ) : null}
            </Group>
          </Paper>
        ) : null}

        {editing ? (
          <>
            <SaveProblem
              error={replace.error}
              schema={protocolSchema}
              onReload={reloadCurrent}
              reset={replace.reset}
              testId="protocol-save-error"
            />
            {errorCount > 0 ? (
              <Text size="sm" c="red.8" role="status">
                {t('protocol.rowsWithErrors', { n: formatNumber(errorCount, language) })}
              </Text>
            ) : null}
          </>
        ) : null}

        {!editing && protocol.data && rows.length > 0 ? (
          <FilterBar
            cols={2}
            primary={
              <Select
                label={t('protocol.filterHarm')}
                data={labels.harmFormOptions}
                value={harmForm}
                onChange={setHarmForm}
                searchable
                clearable
                placeholder={t('common.all')}
                nothingFoundMessage={t('common.noResults')}
                data-testid="protocol-filter-harm"
              />
            }
          >
            <Select
              label={t('protocol.filterSituation')}
              data={labels.situationOptions}
              value={situation}
              onChange={setSituation}
              searchable
              clearable
              placeholder={t('common.all')}
              nothingFoundMessage={t('common.noResults')}
              data-testid="protocol-filter-situation"
            />
          </FilterBar>
        ) : null}

        {protocol.isPending ? (
          <Loading />
        ) : editing ? (
          <RuleGroups
            rows={draft}
            labels={labels}
            editing={{
              errors: rowErrors,
              onAdd: (stage) => setEditor({ mode: 'add', stage }),
              onEdit: (key) => setEditor({ mode: 'edit', key }),
              onRemove: (key) => {
                setDraft((d) => d.filter((r) => r.key !== key));
                setRowErrors(({ [key]: _removed, ...rest }) => rest);
              },
            }}
          />
        ) : protocol.data ? (
          <>
            {(harmForm || situation) && shown.length < rows.length ? (
              <Text size="sm" c="gray.7" role="status">
                {t('protocol.filtered', {
                  shown: formatNumber(shown.length, language),
                  total: formatNumber(rows.length, language),
                })}
              </Text>
            ) : null}
            {rows.length === 0 ? (
              <Text size="sm" c="gray.7" data-testid="protocol-table">
                {t('protocol.empty')}
              </Text>
            ) : (
              <RuleGroups rows={shown} labels={labels} />
            )}
          </>
        ) : null}
      </Stack>

      <AppModal
        opened={editor !== null}
        onClose={() => setEditor(null)}
        title={editor?.mode === 'edit' ? t('protocol.editRule') : t('protocol.add')}
        size="lg"
      >
        {editor ? (
          <RuleForm
            key={editor.mode === 'edit' ? editor.key : `add-${editor.stage}`}
            rule={editedRow}
            stage={editor.mode === 'add' ? editor.stage : (editedRow?.stage ?? 'detection')}
            others={draft.filter((r) => r.key !== editedRow?.key)}
            serverErrors={editedRow ? rowErrors[editedRow.key] : undefined}
            labels={labels}
            defaultDelay={(stage) => STAGE_MAX_DELAY_DAYS[stage]}
            onCancel={() => setEditor(null)}
            onSubmit={(values) => {
              if (editor.mode === 'edit') {
                setDraft((d) => d.map((r) => (r.key === editor.key ? { ...values, key: r.key } : r)));
                setRowErrors(({ [editor.key]: _fixed, ...rest }) => rest);
              } else {
                setDraft((d) => [...d, { ...values, key: newKey() }]);
              }
              setEditor(null);
            }}
          />
        ) : null}
      </AppModal>

      <AppModal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={t('protocol.returnToNational')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('protocol.returnConfirm', { territory: territoryName })}</Text>
          <SaveProblem
            error={confirmReset ? replace.error : null}
            schema={protocolSchema}
            onReload={reloadCurrent}
            reset={replace.reset}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmReset(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={returnToNational}
              loading={replace.isPending}
              data-testid="protocol-reset-confirm"
            >
              {t('protocol.returnToNational')}
            </Button>
          </Group>
        </Stack>
      </AppModal>

      <AppModal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('protocol.leaveTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('protocol.leaveText')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              {t('protocol.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('protocol.leave')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}
