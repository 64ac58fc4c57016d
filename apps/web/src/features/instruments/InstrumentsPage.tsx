import { hasAnyRole, type InstrumentDetail, type InstrumentVersion } from '@madar/domain';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconInfoTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useActiveInstrument, useInstrumentVersions } from './api';
import { InstrumentUpload } from './InstrumentUpload';
import { InstrumentView } from './InstrumentView';
import { useLanguage } from './labels';

function StatusBadges({ version }: { version: InstrumentVersion }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {version.active ? (
        <Badge color="teal" variant="light" style={{ textTransform: 'none' }}>
          {t('instruments.active')}
        </Badge>
      ) : (
        <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>
          {t('instruments.replaced')}
        </Badge>
      )}
      {version.isDefault ? (
        <Badge color="yellow" variant="light" c="dark.9" style={{ textTransform: 'none' }}>
          {t('instruments.default')}
        </Badge>
      ) : null}
    </Group>
  );
}

function VersionList({ versions }: { versions: readonly InstrumentVersion[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const wide = useMediaQuery('(min-width: 48em)', true);
  const loadedBy = (v: InstrumentVersion) => v.loadedByName ?? t('instruments.shipped');
  if (!wide) {
    return (
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="instruments-list">
        {versions.map((v) => (
          <Paper component="li" key={v.version} withBorder radius="md" p="sm">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text fw={600} size="sm" className="madar-mono">
                {v.version}
              </Text>
              <StatusBadges version={v} />
            </Group>
            <Text size="xs" c="gray.7" mt={4}>
              {t('instruments.loadedOn', { at: formatDateTime(v.loadedAt, language), by: loadedBy(v) })}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="xs" data-testid="instruments-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('instruments.version')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col">{t('instruments.loadedAt')}</Table.Th>
            <Table.Th scope="col">{t('instruments.loadedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version} data-testid={`instrument-version-${v.version}`}>
              <Table.Td>
                <Text size="sm" fw={600} className="madar-mono">
                  {v.version}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadges version={v} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(v.loadedAt, language)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{loadedBy(v)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Saves the active document as a file: the starting point for the next version. */
function downloadDocument(detail: InstrumentDetail) {
  const blob = new Blob([`${JSON.stringify(detail.document, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `madar-instrument-${detail.version}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function InstrumentsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useCurrentSession();
  const canLoad = hasAnyRole(user.roles, ['national_admin']);
  const versions = useInstrumentVersions();
  const active = useActiveInstrument();

  return (
    <>
      <PageHeader title={t('instruments.title')} subtitle={t('instruments.subtitle')} />
      <Stack gap="md">
        <ProblemAlert
          error={active.error ?? versions.error}
          onRetry={() => {
            void active.refetch();
            void versions.refetch();
          }}
        />
        {active.data?.isDefault ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconInfoTriangle aria-hidden="true" />}
            title={t('instruments.defaultBannerTitle')}
            // The yellow of the light variant gives 4.47:1 to a bold title on its tint: near-black passes.
            styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}
            data-testid="instrument-default-banner"
          >
            <Text size="sm">{t('instruments.defaultBanner')}</Text>
            {canLoad ? (
              <Text size="sm" mt={4}>
                {t('instruments.defaultBannerAdmin')}
              </Text>
            ) : null}
          </Alert>
        ) : null}

        <Paper
          component="section"
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          aria-labelledby="instrument-versions-title"
        >
          <Title order={2} size="h3" id="instrument-versions-title" mb="xs">
            {t('instruments.versions')}
          </Title>
          {versions.isPending ? <Loading /> : <VersionList versions={versions.data?.items ?? []} />}
        </Paper>

        {canLoad && versions.data ? <InstrumentUpload versions={versions.data.items} /> : null}

        {active.isPending ? (
          <Loading />
        ) : active.data ? (
          <section aria-labelledby="instrument-active-title" data-testid="instrument-active">
            <Group justify="space-between" align="flex-end" gap="xs" mb="xs">
              <div>
                <Title order={2} size="h3" id="instrument-active-title">
                  {t('instruments.activeTitle', { version: active.data.version })}
                </Title>
                <Text size="sm" c="gray.7">
                  {t('instruments.loadedOn', {
                    at: formatDateTime(active.data.loadedAt, language),
                    by: active.data.loadedByName ?? t('instruments.shipped'),
                  })}
                </Text>
              </div>
              {canLoad ? (
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconDownload size={16} aria-hidden="true" />}
                  onClick={() => downloadDocument(active.data)}
                  data-testid="instrument-download"
                >
                  {t('instruments.download')}
                </Button>
              ) : null}
            </Group>
            <InstrumentView instrument={active.data.document} headingOrder={3} />
          </section>
        ) : null}
      </Stack>
    </>
  );
}
