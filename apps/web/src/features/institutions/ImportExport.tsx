import {
  IMPORT_MAX_ROWS,
  type ImportError,
  type ImportResult,
  REQUIRED_INSTITUTION_COLUMNS,
  SERVICES_SEPARATOR,
} from '@madar/domain';
import { Alert, Button, Code, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconFileImport, IconFileSpreadsheet, IconTableExport } from '@tabler/icons-react';
import { type ComponentProps, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../app/components/AppModal';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useLanguage } from '../instruments/labels';
import { exportUrl, ImportRejectedError, useImportInstitutions } from './api';

/** Downloads of the actor map: the browser saves the file the API sends (the session cookie goes along). */
export function ExportButtons({ territoryCode }: { territoryCode: string | null }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="group" aria-label={t('institutions.io.export')}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={exportUrl(format, territoryCode)}
          download
          variant="default"
          leftSection={<IconTableExport size={16} aria-hidden="true" />}
          data-testid={`institutions-export-${format}`}
        >
          {t(`institutions.io.export_${format}`)}
        </Button>
      ))}
    </Group>
  );
}

/** The row-by-row report of a refused import: the spreadsheet's row, its column, what is wrong. */
function ImportReport({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = new Set(errors.filter((e) => e.row > 0).map((e) => e.row)).size;
  return (
    <Stack gap="xs" data-testid="import-report">
      <Alert color="red" variant="light" role="alert" title={t('institutions.io.rejectedTitle')}>
        <Text size="sm">
          {t('institutions.io.rejectedText', {
            errors: formatNumber(errors.length, language),
            rows: formatNumber(rows, language),
          })}
        </Text>
      </Alert>
      <Table.ScrollContainer minWidth={320} maxHeight={360}>
        <Table striped verticalSpacing={4} stickyHeader>
          <caption style={{ textAlign: 'start', captionSide: 'top', padding: '0 0 4px' }}>
            <Text size="sm" fw={600} component="span">
              {t('institutions.io.reportCaption')}
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('institutions.io.row')}</Table.Th>
              <Table.Th scope="col">{t('institutions.io.column')}</Table.Th>
              <Table.Th scope="col">{t('institutions.io.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e) => (
              <Table.Tr key={`${e.row}-${e.column ?? ''}-${e.code}`} data-testid="import-error">
                <Table.Td dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                  {e.row === 0 ? t('institutions.io.file') : formatNumber(e.row, language)}
                </Table.Td>
                <Table.Td>{e.column ? <Code>{e.column}</Code> : '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{e.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <Alert
      color="teal"
      variant="light"
      role="status"
      icon={<IconCircleCheck aria-hidden="true" />}
      title={t('institutions.io.appliedTitle')}
      data-testid="import-applied"
    >
      <Text size="sm">
        {t('institutions.io.appliedText', {
          rows: n(result.rows),
          created: n(result.created),
          updated: n(result.updated),
          unchanged: n(result.unchanged),
        })}
      </Text>
    </Alert>
  );
}

/**
 * Importing a spreadsheet of the actor map: every row is checked first, and one error anywhere
 * keeps the whole file out. The report lists them all, so the file can be fixed in one pass.
 */
export function ImportButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const run = useImportInstitutions();
  const close = () => {
    setOpened(false);
    setFile(null);
    run.reset();
  };
  const rejected = run.error instanceof ImportRejectedError ? run.error : null;

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileImport size={16} aria-hidden="true" />}
        onClick={() => setOpened(true)}
        data-testid="institutions-import"
      >
        {t('institutions.io.import')}
      </Button>
      <AppModal opened={opened} onClose={close} title={t('institutions.io.importTitle')} size="xl">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (file) run.mutate(file);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('institutions.io.help', { max: IMPORT_MAX_ROWS })}</Text>
            <Text size="sm">
              {t('institutions.io.requiredColumns')}{' '}
              {REQUIRED_INSTITUTION_COLUMNS.map((c, i) => (
                <span key={c}>
                  {i > 0 ? ' ' : ''}
                  <Code>{c}</Code>
                </span>
              ))}
            </Text>
            <Text size="sm">{t('institutions.io.servicesColumn', { separator: SERVICES_SEPARATOR })}</Text>
            <FileInput
              label={t('institutions.io.file')}
              description={t('institutions.io.fileHelp')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              clearable
              clearButtonProps={{ 'aria-label': t('institutions.io.clearFile') }}
              required
              value={file}
              onChange={(next) => {
                setFile(next);
                run.reset();
              }}
              leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
              data-testid="import-file-button"
              fileInputProps={{ 'data-testid': 'import-file' } as ComponentProps<'input'>}
            />
            {rejected ? <ImportReport errors={rejected.errors} /> : null}
            {run.error && !rejected ? <ProblemAlert error={run.error} testId="import-error-alert" /> : null}
            {run.data ? <ImportSummary result={run.data} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.close')}
              </Button>
              <Button
                type="submit"
                disabled={!file || Boolean(run.data)}
                loading={run.isPending}
                data-testid="import-submit"
              >
                {t('institutions.io.importSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </>
  );
}
