import type { Language } from '@madar/domain';
import { Alert, Badge, Button, Collapse, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconInfoCircle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsDemo } from '../../app/components/DemoBanner';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames, useTerritoryOptions } from '../../app/reference';
import { type OutboxEntry, useOutbox } from './api';
import classes from './notifications.module.css';

const LIMIT = 25;

/** Where an e-mail is: sent, failed (the server retries), waiting, or kept only (demo mode). */
function DeliveryStatus({ entry, demo }: { entry: OutboxEntry; demo: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (entry.sentAt) {
    return (
      <Badge color="teal" variant="light" data-testid="outbox-status" data-status="sent">
        {t('notifications.outbox.sentAt', { at: formatDateTime(entry.sentAt, language) })}
      </Badge>
    );
  }
  if (entry.lastError) {
    return (
      <Badge color="red" variant="light" data-testid="outbox-status" data-status="failed">
        {t('notifications.outbox.failed')}
      </Badge>
    );
  }
  return demo ? (
    <Badge color="gray" variant="light" data-testid="outbox-status" data-status="demo">
      {t('notifications.outbox.notSentDemo')}
    </Badge>
  ) : (
    <Badge color="yellow" variant="light" data-testid="outbox-status" data-status="pending">
      {t('notifications.outbox.pending')}
    </Badge>
  );
}

function OutboxItem({ entry, demo }: { entry: OutboxEntry; demo: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const subjectId = useId();
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-testid="outbox-entry">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Text fw={700} size="sm" id={subjectId} dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {entry.subject}
          </Text>
          <Text size="sm">
            {t('notifications.outbox.to')}
            {t('notifications.colon')}{' '}
            <span className="madar-mono" data-testid="outbox-to">
              {entry.toAddress}
            </span>
          </Text>
          <Text size="xs" c="gray.7">
            {t('notifications.outbox.createdAt')}
            {t('notifications.colon')}{' '}
            <span className="madar-mono">{formatDateTime(entry.createdAt, language)}</span>
          </Text>
        </Stack>
        <DeliveryStatus entry={entry} demo={demo} />
      </Group>
      {entry.lastError ? (
        <Text
          size="sm"
          c="red.9"
          mt={6}
          dir="ltr"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="outbox-error"
        >
          {t('notifications.outbox.error')}
          {t('notifications.colon')} {entry.lastError}
        </Text>
      ) : null}
      <Button
        variant="subtle"
        size="compact-sm"
        mt={6}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={bodyId}
        aria-describedby={subjectId}
        leftSection={
          open ? (
            <IconChevronUp size={14} aria-hidden="true" />
          ) : (
            <IconChevronDown size={14} aria-hidden="true" />
          )
        }
        data-testid="outbox-toggle"
      >
        {open ? t('notifications.outbox.hideBody') : t('notifications.outbox.showBody')}
      </Button>
      <Collapse expanded={open} id={bodyId}>
        <pre className={classes.mailBody} dir="auto" data-testid="outbox-body">
          {entry.body}
        </pre>
      </Collapse>
    </Paper>
  );
}

/**
 * The e-mail outbox (/outbox), for administrators: in demo mode what Madar would have sent (nothing
 * leaves it), with SMTP configured what it sent and what failed. A provincial administrator sees
 * the e-mails of their province's users; the national administrator, every province's.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const demo = useIsDemo();
  const { user } = useCurrentSession();
  const national = user.territoryCode === null;
  const names = useReferenceNames();
  const territories = useTerritoryOptions();
  const [territoryCode, setTerritoryCode] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const outbox = useOutbox({
    territoryCode: national ? (territoryCode ?? undefined) : undefined,
    limit: LIMIT,
    offset,
  });
  const items = outbox.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('notifications.outbox.title')} />
      <Stack gap="sm">
        <Alert
          color="blue"
          variant="light"
          icon={<IconInfoCircle aria-hidden="true" />}
          data-testid="outbox-mode"
        >
          <Text size="sm">
            {demo ? t('notifications.outbox.demoIntro') : t('notifications.outbox.smtpIntro')}
          </Text>
        </Alert>
        {national ? (
          <FilterBar cols={3}>
            <Select
              label={t('notifications.outbox.territory')}
              data={territories}
              value={territoryCode}
              onChange={(value) => {
                setTerritoryCode(value);
                setOffset(0);
              }}
              searchable
              clearable
              placeholder={t('notifications.outbox.allTerritories')}
              nothingFoundMessage={t('common.noResults')}
              data-testid="outbox-filter-territory"
            />
          </FilterBar>
        ) : user.territoryCode ? (
          <Text size="sm" data-testid="outbox-scope">
            {t('notifications.outbox.scope', { territory: names.territory(user.territoryCode) })}
          </Text>
        ) : null}
        <ProblemAlert error={outbox.error} onRetry={() => void outbox.refetch()} />
        {outbox.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text ta="center" c="gray.7" py="lg" size="sm" data-testid="outbox-empty">
            {t('notifications.outbox.empty')}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap="xs"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('notifications.outbox.title')}
            data-testid="outbox-list"
          >
            {items.map((entry) => (
              <OutboxItem key={entry.id} entry={entry} demo={demo} />
            ))}
          </Stack>
        )}
        {outbox.data ? (
          <Pager total={outbox.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        ) : null}
      </Stack>
    </>
  );
}
