import { INSTITUTION_TYPES, type Institution, institutionSchema } from '@madar/domain';
import { Button, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, isApiError } from '../../app/api';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { VersionConflict } from '../../app/components/VersionConflict';
import { useSectorOptions, useTerritoryOptions } from '../../app/reference';
import { useSaveInstitution } from './api';

interface InstitutionFormProps {
  institution?: Institution;
  /** A provincial administrator works in one territory only. */
  restrictTerritory?: string | null;
  onSaved: (saved: Institution) => void;
  onCancel: () => void;
}

function valuesOf(inst: Institution | undefined, territory: string | null | undefined) {
  return {
    nameAr: inst?.nameAr ?? '',
    nameFr: inst?.nameFr ?? '',
    sectorCode: inst?.sectorCode ?? '',
    type: inst?.type ?? '',
    territoryCode: inst?.territoryCode ?? territory ?? '',
    active: inst?.active ?? true,
  };
}

export function InstitutionForm({ institution, restrictTerritory, onSaved, onCancel }: InstitutionFormProps) {
  const { t } = useTranslation();
  const save = useSaveInstitution();
  const territories = useTerritoryOptions(restrictTerritory);
  const sectors = useSectorOptions();
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const name = (v: string) => (v.trim().length >= 2 ? null : t('validation.minLength', { min: 2 }));
  const form = useForm({
    initialValues: valuesOf(institution, restrictTerritory),
    validate: { nameAr: name, nameFr: name, sectorCode: required, type: required, territoryCode: required },
  });
  // The version the form is based on; replaced when the user reloads after a conflict.
  const [baseVersion, setBaseVersion] = useState(institution?.version ?? 0);

  const submit = form.onSubmit((values) => {
    const body = {
      nameAr: values.nameAr.trim(),
      nameFr: values.nameFr.trim(),
      sectorCode: values.sectorCode,
      type: values.type as Institution['type'],
      territoryCode: values.territoryCode,
    };
    const input = institution
      ? { id: institution.id, body: { ...body, active: values.active, version: baseVersion } }
      : { body };
    save.mutate(input, { onSuccess: onSaved, onError: (error) => form.setErrors(fieldErrorsOf(error)) });
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <VersionConflict
          error={save.error}
          onReload={(current) => {
            const parsed = institutionSchema.safeParse(current);
            if (parsed.success) {
              form.setValues(valuesOf(parsed.data, restrictTerritory));
              setBaseVersion(parsed.data.version);
            }
            save.reset();
          }}
        />
        {!isApiError(save.error, 'version_conflict') ? (
          <ProblemAlert error={save.error} testId="form-error" />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('institutions.nameAr')}
            dir="rtl"
            lang="ar"
            required
            {...form.getInputProps('nameAr')}
          />
          <TextInput
            label={t('institutions.nameFr')}
            dir="ltr"
            lang="fr"
            required
            {...form.getInputProps('nameFr')}
          />
        </SimpleGrid>
        <Select
          label={t('institutions.type')}
          required
          searchable
          data={INSTITUTION_TYPES.map((type) => ({ value: type, label: t(`institutionTypes.${type}`) }))}
          {...form.getInputProps('type')}
        />
        <Select
          label={t('institutions.sector')}
          required
          searchable
          data={sectors}
          {...form.getInputProps('sectorCode')}
        />
        <Select
          label={t('institutions.territory')}
          required
          searchable
          data={territories}
          disabled={Boolean(restrictTerritory)}
          {...form.getInputProps('territoryCode')}
        />
        {institution ? (
          <Switch label={t('common.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        ) : null}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="institution-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
