import {
  type AssessmentInstrument,
  type AssessmentInstrumentDocument,
  assessmentInstrumentSchema,
  type InstrumentVersion,
  type Language,
} from '@madar/domain';
import {
  Alert,
  Box,
  Button,
  Collapse,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import arLocale from 'zod/v4/locales/ar.js';
import enLocale from 'zod/v4/locales/en.js';
import frLocale from 'zod/v4/locales/fr.js';
import { ApiError } from '../../app/api';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useLoadInstrument } from './api';
import { InstrumentView } from './InstrumentView';
import { useLanguage } from './labels';

/** A document larger than this is not an instrument (the default one is about 10 KB). */
const MAX_BYTES = 1_000_000;

const ZOD_LOCALES = { ar: arLocale, fr: frLocale, en: enLocale } as const;

interface Issue {
  path: string;
  message: string;
}

type Checked =
  | { status: 'none' }
  | { status: 'unreadable'; message: string }
  | { status: 'invalid'; issues: Issue[] }
  | { status: 'valid'; document: AssessmentInstrumentDocument; instrument: AssessmentInstrument };

/**
 * A path in the document as the administrator can find it: `domains.0 (safety) › items.2 (threats)`,
 * each array element named by its `code` when it has one.
 */
function readablePath(path: readonly PropertyKey[], document: unknown): string {
  const parts: string[] = [];
  let at: unknown = document;
  for (const key of path) {
    at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
    const code =
      typeof key === 'number' && at !== null && typeof at === 'object'
        ? (at as { code?: unknown }).code
        : undefined;
    parts.push(typeof code === 'string' ? `${String(key)} (${code})` : String(key));
  }
  return parts.join(' › ');
}

/** Checks the document as the server will, with the messages of Zod in the interface language. */
function check(document: unknown, language: Language, versions: readonly InstrumentVersion[]): Checked {
  const result = assessmentInstrumentSchema.safeParse(document, {
    error: ZOD_LOCALES[language]().localeError,
  });
  if (!result.success) {
    return {
      status: 'invalid',
      issues: result.error.issues.map((issue) => ({
        path: readablePath(issue.path, document),
        message: issue.message,
      })),
    };
  }
  if (versions.some((v) => v.version === result.data.version)) {
    return { status: 'invalid', issues: [{ path: 'version', message: 'duplicate' }] };
  }
  return {
    status: 'valid',
    document: document as AssessmentInstrumentDocument,
    instrument: result.data,
  };
}

/** Field messages of the server's refusal, with their paths. */
function serverIssues(error: unknown): Issue[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.fields ?? []).map((f) => ({ path: f.path, message: f.message }));
}

function IssueList({ issues, testId }: { issues: Issue[]; testId: string }) {
  return (
    <List size="sm" spacing={4} data-testid={testId}>
      {issues.map((issue, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity; the list is replaced whole
        <List.Item key={i}>
          <Text span size="sm" className="madar-mono" fw={600}>
            {issue.path || '—'}
          </Text>
          {' : '}
          <Text span size="sm">
            {issue.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** Loading a new version of the instrument without code (national administrator). */
export function InstrumentUpload({ versions }: { versions: readonly InstrumentVersion[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const load = useLoadInstrument();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked>({ status: 'none' });
  const [preview, { toggle: togglePreview, close: closePreview }] = useDisclosure(false);
  const previewId = useId();
  const n = (value: number) => formatNumber(value, language);

  async function choose(chosen: File | null) {
    setFile(chosen);
    load.reset();
    closePreview();
    if (!chosen) {
      setChecked({ status: 'none' });
      return;
    }
    if (chosen.size > MAX_BYTES) {
      setChecked({ status: 'unreadable', message: t('instruments.upload.tooLarge') });
      return;
    }
    let text: string;
    try {
      text = await chosen.text();
    } catch {
      setChecked({ status: 'unreadable', message: t('instruments.upload.unreadable') });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setChecked({
        status: 'unreadable',
        message: t('instruments.upload.notJson', { detail: error instanceof Error ? error.message : '' }),
      });
      return;
    }
    const result = check(json, language, versions);
    if (result.status === 'invalid') {
      // The duplicate version is found here first: say it in words.
      setChecked({
        status: 'invalid',
        issues: result.issues.map((i) =>
          i.path === 'version' && i.message === 'duplicate'
            ? { ...i, message: t('instruments.upload.duplicate') }
            : i,
        ),
      });
      return;
    }
    setChecked(result);
  }

  function submit() {
    if (checked.status !== 'valid') return;
    const version = checked.instrument.version;
    load.mutate(checked.document, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: t('instruments.upload.loaded', { version }),
        });
        setFile(null);
        setChecked({ status: 'none' });
        closePreview();
      },
    });
  }

  const valid = checked.status === 'valid' ? checked.instrument : null;
  const refused = serverIssues(load.error);

  return (
    <Paper
      component="section"
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      aria-labelledby="instrument-upload-title"
    >
      <Title order={2} size="h3" id="instrument-upload-title" mb={4}>
        {t('instruments.upload.title')}
      </Title>
      <Text size="sm" c="gray.8" mb="sm">
        {t('instruments.upload.help')}
      </Text>
      <Stack gap="sm">
        <FileInput
          label={t('instruments.upload.file')}
          description={t('instruments.upload.fileHelp')}
          placeholder={t('instruments.upload.choose')}
          accept=".json,application/json"
          value={file}
          onChange={(f) => void choose(f)}
          clearable
          clearButtonProps={{ 'aria-label': t('instruments.upload.clear') }}
          leftSection={<IconFileUpload size={16} aria-hidden="true" />}
          fileInputProps={{ 'data-testid': 'instrument-upload' } as Record<string, string>}
          maw={520}
          data-testid="instrument-upload-button"
        />

        <Box aria-live="polite">
          {checked.status === 'unreadable' ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle aria-hidden="true" />}
              title={t('instruments.upload.unreadableTitle')}
              data-testid="instrument-upload-error"
            >
              <Text size="sm">{checked.message}</Text>
            </Alert>
          ) : null}
          {checked.status === 'invalid' ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle aria-hidden="true" />}
              title={t('instruments.upload.invalidTitle', {
                count: checked.issues.length,
                n: n(checked.issues.length),
              })}
              data-testid="instrument-upload-error"
            >
              <IssueList issues={checked.issues} testId="instrument-upload-issues" />
            </Alert>
          ) : null}
          {valid ? (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck aria-hidden="true" />}
              title={t('instruments.upload.validTitle', { version: valid.version })}
              data-testid="instrument-upload-valid"
            >
              <Text size="sm">
                {t('instruments.upload.summary', {
                  domains: n(valid.domains.length),
                  items: n(valid.domains.reduce((sum, d) => sum + d.items.length, 0)),
                  flags: n(valid.red_flags.items.length),
                  levels: n(valid.scoring.thresholds.length),
                })}
              </Text>
              <Text size="sm" mt={4} fw={500}>
                {t('instruments.upload.warning')}
              </Text>
            </Alert>
          ) : null}
        </Box>

        <Group gap="xs">
          <Button
            onClick={submit}
            loading={load.isPending}
            disabled={!valid}
            leftSection={<IconFileUpload size={16} aria-hidden="true" />}
            data-testid="instrument-upload-submit"
          >
            {valid
              ? t('instruments.upload.submit', { version: valid.version })
              : t('instruments.upload.submitNone')}
          </Button>
          {valid ? (
            <Button
              variant="subtle"
              onClick={togglePreview}
              aria-expanded={preview}
              aria-controls={previewId}
            >
              {preview ? t('instruments.upload.hidePreview') : t('instruments.upload.showPreview')}
            </Button>
          ) : null}
        </Group>
        {valid ? (
          <Collapse expanded={preview} id={previewId}>
            {preview ? <InstrumentView instrument={valid} headingOrder={3} /> : null}
          </Collapse>
        ) : null}

        <ProblemAlert error={load.error} testId="instrument-upload-server-error" />
        {refused.length ? <IssueList issues={refused} testId="instrument-upload-server-issues" /> : null}
      </Stack>
    </Paper>
  );
}
