import { Button } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useMyReports } from './api';
import { ReportList } from './ReportList';

const LIMIT = 20;

/** The reports a partner or UPE reporter sent, and what became of them (status only). */
export function MyReportsPage() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const list = useMyReports({ limit: LIMIT, offset });
  return (
    <>
      <PageHeader
        title={t('reports.mine.title')}
        subtitle={t('reports.mine.subtitle')}
        actions={
          <Button
            component={Link}
            to="/reports/new"
            leftSection={<IconFilePlus size={16} aria-hidden="true" />}
            data-testid="my-reports-new"
          >
            {t('reports.nav.new')}
          </Button>
        }
      />
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <ReportList
          items={list.data.items}
          showStatus
          testId="my-reports"
          rowTestId={(r) => `my-report-row-${r.id}`}
        />
      ) : null}
      {list.data ? (
        <Pager
          total={list.data.total}
          totalIsLowerBound={list.data.totalIsLowerBound}
          limit={LIMIT}
          offset={offset}
          onChange={setOffset}
        />
      ) : null}
    </>
  );
}
