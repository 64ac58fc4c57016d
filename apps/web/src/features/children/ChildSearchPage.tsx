import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useChildSearch } from './api';
import { ChildMatchList } from './ChildMatchList';
import { ChildSearchForm } from './ChildSearchForm';

/** Find a child by name (either script, spelling variants tolerated), birth date, parent, phone or code. */
export function ChildSearchPage() {
  const { t } = useTranslation();
  const search = useChildSearch();
  return (
    <Stack gap="md">
      <PageHeader title={t('children.search.title')} subtitle={t('children.search.subtitle')} />
      <ChildSearchForm onSearch={(input) => search.mutate(input)} pending={search.isPending} />
      <ProblemAlert error={search.error} />
      {search.data ? <ChildMatchList result={search.data} testId="child-search-results" /> : null}
    </Stack>
  );
}
