import { hasAnyRole, type Role } from '@madar/domain';
import { MultiSelect, Select, SimpleGrid } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../../app/queries';
import { useCaseworkers } from '../cases/caseloadApi';
import { useTaxonomy } from './taxonomy';

export interface CaseOpening {
  situations: string[];
  assignedWorkerId: string | null;
}

/**
 * What a new case starts with: the child's situations and the social worker in charge (the
 * social worker who triages takes the case by default; the coordinator chooses).
 */
export function CaseOpeningFields({
  territoryCode,
  value,
  onChange,
  errors = {},
}: {
  territoryCode: string;
  value: CaseOpening;
  onChange: (value: CaseOpening) => void;
  errors?: { situations?: string | undefined; assignedWorkerId?: string | undefined };
}) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const taxonomy = useTaxonomy();
  const workers = useCaseworkers(territoryCode);
  const options = (workers.data ?? []).map((w) => ({
    value: w.id,
    label: w.roles.includes('cape_coordinator')
      ? `${w.fullName} — ${t('roles.cape_coordinator')}`
      : w.fullName,
  }));

  // A social worker who triages is in charge unless they choose someone else.
  const defaultWorker =
    hasAnyRole(user.roles, ['social_worker'] as Role[]) && workers.data?.some((w) => w.id === user.id)
      ? user.id
      : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only once the list has arrived
  useEffect(() => {
    if (defaultWorker && value.assignedWorkerId === null)
      onChange({ ...value, assignedWorkerId: defaultWorker });
  }, [defaultWorker]);

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <MultiSelect
        label={t('reports.triage.situations')}
        description={t('reports.triage.situationsHelp')}
        searchable
        data={taxonomy.options('child_situations')}
        value={value.situations}
        onChange={(situations) => onChange({ ...value, situations })}
        error={errors.situations}
        data-testid="triage-situations"
      />
      <Select
        label={t('reports.triage.worker')}
        description={t('reports.triage.workerHelp')}
        data={options}
        value={value.assignedWorkerId}
        onChange={(assignedWorkerId) => onChange({ ...value, assignedWorkerId })}
        clearable
        searchable
        placeholder={t('reports.triage.workerNone')}
        error={errors.assignedWorkerId}
        data-testid="triage-worker"
      />
    </SimpleGrid>
  );
}
