import type { ChildIdentity, Language } from '@madar/domain';
import { Alert, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconCircleCheck,
  IconFolderOpen,
  IconLink,
  IconUserCheck,
  IconUserPlus,
  IconUserSearch,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { type ChildMatch, type ChildSearchResult, useChildSearch, useDuplicateCheck } from '../children/api';
import {
  ChildIdentityFields,
  type ChildIdentityValues,
  emptyIdentity,
  foldIdentityErrors,
  identityOf,
  identityRules,
} from '../children/ChildIdentityFields';
import { ChildMatchList } from '../children/ChildMatchList';
import { ChildSearchForm } from '../children/ChildSearchForm';
import { sexLabel } from '../children/labels';
import { type ReportDetail, type ReportedChild, type TriageChildInput, useTriageChild } from './api';
import { type CaseOpening, CaseOpeningFields } from './CaseOpeningFields';
import { fieldErrorsByPath } from './problems';

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** Long action labels wrap on a phone instead of being cut. */
const WRAP = {
  root: { height: 'auto', minHeight: 36, paddingBlock: 6 },
  label: { whiteSpace: 'normal' },
} as const;

/** What the report says of the child, as a starting point for the identity form. */
function prefill(report: ReportDetail, child: ReportedChild): ChildIdentityValues {
  const identity = emptyIdentity();
  const arabic = ARABIC_SCRIPT.test(`${child.firstName ?? ''}${child.lastName ?? ''}`);
  if (arabic) {
    identity.firstNameAr = child.firstName ?? '';
    identity.lastNameAr = child.lastName ?? '';
  } else {
    identity.firstNameLatin = child.firstName ?? '';
    identity.lastNameLatin = child.lastName ?? '';
  }
  if (child.approximateAge !== null) {
    // An age said by the reporter gives an estimated birth date: 1 January of the year.
    const year = Number(report.receivedAt.slice(0, 4)) - child.approximateAge;
    identity.birthDate = `${year}-01-01`;
    identity.birthDateEstimated = true;
  }
  return { sex: child.sex, identity };
}

function childTitle(child: ReportedChild): string {
  return [child.firstName, child.lastName].filter(Boolean).join(' ');
}

/** The identity fields that decide whether two records are the same child. */
function signatureOf(values: ChildIdentityValues): string {
  const i = values.identity;
  return JSON.stringify([
    i.firstNameAr.trim(),
    i.lastNameAr.trim(),
    i.firstNameLatin.trim(),
    i.lastNameLatin.trim(),
    i.birthDate,
    values.sex,
  ]);
}

type Triage = ReturnType<typeof useTriageChild>;

/** The choice offered on a match: the report joins the child's open case, or a case is opened for them. */
function SameChildAction({
  match,
  onLink,
  onUse,
  pending,
}: {
  match: ChildMatch;
  onLink: (caseId: string) => void;
  onUse: (childId: string) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  return match.openCaseId ? (
    <Button
      size="xs"
      variant="light"
      styles={WRAP}
      leftSection={<IconLink size={16} aria-hidden="true" />}
      onClick={() => onLink(match.openCaseId!)}
      loading={pending}
      data-testid={`triage-link-${match.child.code}`}
    >
      {t('reports.triage.sameChildLink')}
    </Button>
  ) : (
    <Button
      size="xs"
      variant="light"
      styles={WRAP}
      leftSection={<IconUserCheck size={16} aria-hidden="true" />}
      onClick={() => onUse(match.child.id)}
      loading={pending}
      data-testid={`triage-use-${match.child.code}`}
    >
      {t('reports.triage.sameChildUse')}
    </Button>
  );
}

/** (a) A child not yet registered: identity, situations, social worker; duplicates are checked first. */
function NewChildTriage({
  report,
  child,
  triage,
}: {
  report: ReportDetail;
  child: ReportedChild;
  triage: Triage;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const duplicates = useDuplicateCheck();
  const [checked, setChecked] = useState<{ signature: string; result: ChildSearchResult } | null>(null);
  const [opening, setOpening] = useState<CaseOpening>({ situations: [], assignedWorkerId: null });
  const [openingErrors, setOpeningErrors] = useState<Record<string, string>>({});
  const rules = identityRules(t);
  const form = useForm<ChildIdentityValues>({
    initialValues: prefill(report, child),
    validate: { identity: rules },
  });

  const send = (body: TriageChildInput) =>
    triage.mutate(body, {
      onError: (error) => {
        form.setErrors(foldIdentityErrors(fieldErrorsByPath(error, 'child')));
        setOpeningErrors(fieldErrorsByPath(error));
      },
    });

  const register = (values: ChildIdentityValues, identity: ChildIdentity) =>
    send({
      action: 'new_child',
      position: child.position,
      child: { sex: values.sex, identity },
      situations: opening.situations,
      assignedWorkerId: opening.assignedWorkerId,
    });

  const submit = form.onSubmit((values) => {
    const identity = identityOf(values.identity);
    const signature = signatureOf(values);
    // The likely matches were shown for these very names: the user chose to register anyway.
    if (checked?.signature === signature) {
      register(values, identity);
      return;
    }
    duplicates.mutate(
      { territoryCode: report.territoryCode, sex: values.sex, identity },
      {
        onSuccess: (result) => {
          setChecked({ signature, result });
          if (result.items.length === 0) register(values, identity);
        },
      },
    );
  });

  const shownMatches =
    checked && checked.signature === signatureOf(form.values) && checked.result.items.length > 0
      ? checked.result
      : null;
  const sameChild = {
    onLink: (caseId: string) => send({ action: 'link_case', position: child.position, caseId }),
    onUse: (childId: string) =>
      send({
        action: 'existing_child',
        position: child.position,
        childId,
        situations: opening.situations,
        assignedWorkerId: opening.assignedWorkerId,
      }),
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('reports.triage.newChild')}>
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t('reports.triage.newChildHelp')}
        </Text>
        <ChildIdentityFields form={form} />
        <Title order={4} size="h6" mt="xs">
          {t('reports.triage.caseSection')}
        </Title>
        <CaseOpeningFields
          territoryCode={report.territoryCode}
          value={opening}
          onChange={setOpening}
          errors={openingErrors}
        />
        <ProblemAlert error={duplicates.error} />
        {shownMatches ? (
          <Paper
            withBorder
            p="sm"
            radius="md"
            bg="yellow.0"
            component="section"
            aria-labelledby={`duplicates-title-${child.position}`}
            data-testid="duplicates-panel"
            style={{ borderColor: 'var(--mantine-color-yellow-6)' }}
          >
            <Title order={4} size="h5" id={`duplicates-title-${child.position}`} mb={4}>
              {t('reports.triage.duplicatesTitle', {
                count: shownMatches.items.length,
                n: formatNumber(shownMatches.items.length, language),
              })}
            </Title>
            <Text size="sm" mb="sm">
              {t('reports.triage.duplicatesHelp')}
            </Text>
            <ChildMatchList
              result={shownMatches}
              testId="duplicates-list"
              action={(match) => <SameChildAction match={match} pending={triage.isPending} {...sameChild} />}
            />
          </Paper>
        ) : null}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={duplicates.isPending || triage.isPending}
            color={shownMatches ? 'orange.8' : undefined}
            styles={WRAP}
            leftSection={<IconUserPlus size={16} aria-hidden="true" />}
            data-testid="triage-register"
          >
            {shownMatches ? t('reports.triage.registerAnyway') : t('reports.triage.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** (b) A child already registered, or (c) the child's open case: search, then choose. */
function RegisteredChildTriage({
  report,
  child,
  triage,
  mode,
}: {
  report: ReportDetail;
  child: ReportedChild;
  triage: Triage;
  mode: 'existing' | 'link';
}) {
  const { t } = useTranslation();
  const search = useChildSearch();
  const [chosen, setChosen] = useState<ChildMatch | null>(null);
  const [opening, setOpening] = useState<CaseOpening>({ situations: [], assignedWorkerId: null });
  const [openingErrors, setOpeningErrors] = useState<Record<string, string>>({});
  const onError = (error: unknown) => setOpeningErrors(fieldErrorsByPath(error));
  const result =
    search.data && mode === 'link'
      ? { ...search.data, items: search.data.items.filter((m) => m.openCaseId) }
      : search.data;

  return (
    <Stack gap="sm">
      <Text size="sm" c="gray.7">
        {mode === 'link' ? t('reports.triage.linkHelp') : t('reports.triage.existingHelp')}
      </Text>
      <ChildSearchForm
        initialName={childTitle(child)}
        pending={search.isPending}
        onSearch={(input) => {
          setChosen(null);
          search.mutate({ ...input, territoryCode: report.territoryCode });
        }}
      />
      <ProblemAlert error={search.error} />
      {chosen ? (
        <Paper withBorder p="sm" radius="md" bg="madar.0" data-testid="triage-chosen">
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {t('reports.triage.chosen', { code: chosen.child.code })}
            </Text>
            <CaseOpeningFields
              territoryCode={report.territoryCode}
              value={opening}
              onChange={setOpening}
              errors={openingErrors}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setChosen(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={triage.isPending}
                leftSection={<IconFolderOpen size={16} aria-hidden="true" />}
                onClick={() =>
                  triage.mutate(
                    {
                      action: 'existing_child',
                      position: child.position,
                      childId: chosen.child.id,
                      situations: opening.situations,
                      assignedWorkerId: opening.assignedWorkerId,
                    },
                    { onError },
                  )
                }
                data-testid="triage-open-case"
              >
                {t('reports.triage.openCase')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : result ? (
        <ChildMatchList
          result={result}
          testId="triage-search-results"
          action={(match) => (
            <SameChildAction
              match={match}
              pending={triage.isPending}
              onLink={(caseId) =>
                triage.mutate({ action: 'link_case', position: child.position, caseId }, { onError })
              }
              onUse={() => setChosen(match)}
            />
          )}
        />
      ) : null}
    </Stack>
  );
}

type Mode = 'new' | 'existing' | 'link';

/** The triage of one child of the report. */
export function TriagePanel({
  report,
  child,
  canTriage,
  canOpenCase,
}: {
  report: ReportDetail;
  child: ReportedChild;
  canTriage: boolean;
  canOpenCase: boolean;
}) {
  const { t } = useTranslation();
  const triage = useTriageChild(report.id);
  const [mode, setMode] = useState<Mode | null>(null);
  const caseId = child.caseId ?? triage.data?.caseId ?? null;
  const title = childTitle(child);
  const facts = [
    child.approximateAge !== null
      ? t('reports.detail.approximateAge', { count: child.approximateAge })
      : null,
    sexLabel(t, child.sex),
  ].filter(Boolean);

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={`triage-child-title-${child.position}`}
      data-testid={`triage-child-${child.position}`}
    >
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id={`triage-child-title-${child.position}`}>
            {t('reports.form.childN', { n: child.position + 1 })}
            {title ? ` — ${title}` : ''}
          </Title>
          <Text size="sm" c="gray.7">
            {facts.join(' · ')}
          </Text>
          {child.notes ? (
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {child.notes}
            </Text>
          ) : null}
        </Stack>

        {caseId && !canOpenCase ? (
          <Text size="sm" c="teal.9" data-testid="triage-done">
            {t('reports.triage.doneForReporter')}
          </Text>
        ) : caseId ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden="true" />} role="status">
            <Group gap="sm" justify="space-between">
              <Text size="sm">{t('reports.triage.done')}</Text>
              <Button
                component={Link}
                to={`/cases/${caseId}`}
                size="xs"
                leftSection={<IconFolderOpen size={16} aria-hidden="true" />}
                data-testid="triage-done-case-link"
              >
                {t('reports.triage.openCasePage')}
              </Button>
            </Group>
          </Alert>
        ) : canTriage && report.status === 'new' ? (
          <>
            <Tabs value={mode} onChange={(v) => setMode(v as Mode)} variant="pills" keepMounted={false}>
              <Tabs.List aria-label={t('reports.triage.modes')}>
                <Tabs.Tab
                  value="new"
                  leftSection={<IconUserPlus size={16} aria-hidden="true" />}
                  data-testid="triage-new-child"
                >
                  {t('reports.triage.newChild')}
                </Tabs.Tab>
                <Tabs.Tab
                  value="existing"
                  leftSection={<IconUserSearch size={16} aria-hidden="true" />}
                  data-testid="triage-existing-child"
                >
                  {t('reports.triage.existingChild')}
                </Tabs.Tab>
                <Tabs.Tab
                  value="link"
                  leftSection={<IconLink size={16} aria-hidden="true" />}
                  data-testid="triage-link-case"
                >
                  {t('reports.triage.linkCase')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="new" pt="sm">
                <NewChildTriage report={report} child={child} triage={triage} />
              </Tabs.Panel>
              <Tabs.Panel value="existing" pt="sm">
                <RegisteredChildTriage report={report} child={child} triage={triage} mode="existing" />
              </Tabs.Panel>
              <Tabs.Panel value="link" pt="sm">
                <RegisteredChildTriage report={report} child={child} triage={triage} mode="link" />
              </Tabs.Panel>
            </Tabs>
            {mode === null ? (
              <Text size="sm" c="gray.7">
                {t('reports.triage.chooseMode')}
              </Text>
            ) : null}
            <ProblemAlert error={triage.error} testId={`triage-error-${child.position}`} />
          </>
        ) : (
          <Text size="sm" c="gray.7">
            {report.status === 'closed' ? t('reports.triage.reportClosed') : t('reports.triage.notTriaged')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
