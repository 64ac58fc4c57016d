import type { Language } from '@madar/domain';
import { Badge, Button, Group, Tabs, Text } from '@mantine/core';
import { IconFilePlus, IconUrgent } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames } from '../../app/reference';
import { type ReportStatus, useTriageQueue } from './api';
import { ReportList } from './ReportList';

const LIMIT = 20;
const STATUSES: readonly ReportStatus[] = ['new', 'triaged', 'closed'];

/** The CAPE's triage queue: immediate and urgent reports first, then the oldest. */
export function TriageQueuePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useCurrentSession();
  const names = useReferenceNames();
  const [status, setStatus] = useState<ReportStatus>('new');
  const [offset, setOffset] = useState(0);
  const queue = useTriageQueue({ status, limit: LIMIT, offset });
  const items = queue.data?.items ?? [];
  const pressing = status === 'new' ? items.filter((r) => r.urgency !== 'normal').length : 0;

  return (
    <>
      <PageHeader
        title={t('reports.queue.title')}
        subtitle={user.territoryCode ? names.territory(user.territoryCode) : undefined}
        actions={
          <Button
            component={Link}
            to="/reports/new"
            variant="light"
            leftSection={<IconFilePlus size={16} aria-hidden="true" />}
          >
            {t('reports.nav.new')}
          </Button>
        }
      />
      <Tabs
        value={status}
        onChange={(v) => {
          if (!v) return;
          setStatus(v as ReportStatus);
          setOffset(0);
        }}
        mb="md"
        keepMounted={false}
      >
        <Tabs.List>
          {STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`triage-tab-${s}`}>
              {t(`reports.queue.tab.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {pressing > 0 ? (
        <Group gap="xs" mb="sm" aria-live="polite">
          <Badge
            color="red.8"
            variant="filled"
            tt="none"
            leftSection={<IconUrgent size={14} aria-hidden="true" />}
          >
            {t('reports.queue.pressing', { count: pressing, n: formatNumber(pressing, language) })}
          </Badge>
          <Text size="xs" c="gray.7">
            {t('reports.queue.pressingHelp')}
          </Text>
        </Group>
      ) : null}
      <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />
      {queue.isPending ? (
        <Loading />
      ) : queue.data ? (
        <ReportList
          items={items}
          showStatus={false}
          testId="triage-queue"
          rowTestId={(r) => `triage-row-${r.id}`}
        />
      ) : null}
      {queue.data ? (
        <Pager
          total={queue.data.total}
          totalIsLowerBound={queue.data.totalIsLowerBound}
          limit={LIMIT}
          offset={offset}
          onChange={setOffset}
        />
      ) : null}
    </>
  );
}
