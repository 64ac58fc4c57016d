import { Checkbox, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { type ChildMatch, type ChildSearchInput, useChildSearch } from './api';
import { ChildMatchList } from './ChildMatchList';
import { ChildSearchForm } from './ChildSearchForm';
import { MergePanel } from './MergePanel';

/** Find a child by name (either script, spelling variants tolerated), birth date, parent, phone or code. */
export function ChildSearchPage() {
  const { t } = useTranslation();
  const search = useChildSearch();
  const [last, setLast] = useState<ChildSearchInput | null>(null);
  const [selected, setSelected] = useState<ChildMatch[]>([]);
  const run = (input: ChildSearchInput) => {
    setLast(input);
    setSelected([]);
    search.mutate(input);
  };
  const toggle = (match: ChildMatch, on: boolean) =>
    setSelected((current) =>
      on
        ? [...current.filter((m) => m.child.id !== match.child.id), match].slice(-2)
        : current.filter((m) => m.child.id !== match.child.id),
    );
  // Merging needs to see who the children are: offered to those shown identities (the caseworkers).
  const canMerge = search.data?.identitiesShown === true;
  return (
    <Stack gap="md">
      <PageHeader title={t('children.search.title')} subtitle={t('children.search.subtitle')} />
      <ChildSearchForm onSearch={run} pending={search.isPending} />
      <ProblemAlert error={search.error} />
      {selected.length === 2 ? (
        <MergePanel
          key={selected.map((m) => m.child.id).join()}
          pair={[selected[0]!, selected[1]!]}
          onMerged={() => last && run(last)}
        />
      ) : null}
      {search.data ? (
        <ChildMatchList
          result={search.data}
          testId="child-search-results"
          {...(canMerge
            ? {
                action: (match: ChildMatch) => (
                  <Checkbox
                    label={t('children.merge.select')}
                    checked={selected.some((m) => m.child.id === match.child.id)}
                    onChange={(e) => toggle(match, e.currentTarget.checked)}
                    data-testid={`merge-select-${match.child.code}`}
                  />
                ),
              }
            : {})}
        />
      ) : null}
    </Stack>
  );
}
