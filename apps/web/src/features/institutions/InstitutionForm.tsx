import { INSTITUTION_TYPES, type Institution, institutionSchema } from '@madar/domain';
import {
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { SaveProblem } from '../../app/components/SaveProblem';
import { useSectorOptions, useTerritoryOptions } from '../../app/reference';
import { useCommunes } from '../territories/api';
import { useSaveInstitution } from './api';
import { useServiceLabels } from './labels';
import { EmailInput, PhoneInput } from './ReachInputs';

interface InstitutionFormProps {
  institution?: Institution;
  /** A provincial administrator works in one territory only. */
  restrictTerritory?: string | null;
  /** The territory a new institution starts in (the one the actor map shows). */
  defaultTerritory?: string | null;
  onSaved: (saved: Institution) => void;
  onCancel: () => void;
}

interface FormValues {
  nameAr: string;
  nameFr: string;
  sectorCode: string;
  type: string;
  territoryCode: string;
  services: string[];
  communeId: string | null;
  address: string;
  lat: number | string;
  lng: number | string;
  openingHours: string;
  phone: string;
  fax: string;
  email: string;
  website: string;
  active: boolean;
}

function valuesOf(inst: Institution | undefined, territory: string | null | undefined): FormValues {
  return {
    nameAr: inst?.nameAr ?? '',
    nameFr: inst?.nameFr ?? '',
    sectorCode: inst?.sectorCode ?? '',
    type: inst?.type ?? '',
    territoryCode: inst?.territoryCode ?? territory ?? '',
    services: inst?.services ?? [],
    communeId: inst?.commune?.id ?? null,
    address: inst?.address ?? '',
    lat: inst?.coordinates?.lat ?? '',
    lng: inst?.coordinates?.lng ?? '',
    openingHours: inst?.openingHours ?? '',
    phone: inst?.phone ?? '',
    fax: inst?.fax ?? '',
    email: inst?.email ?? '',
    website: inst?.website ?? '',
    active: inst?.active ?? true,
  };
}

const blank = (text: string) => (text.trim() === '' ? null : text.trim());
/** People type a website as they read it ("chr-tanger.ma"): the address needs its scheme. */
function websiteOf(text: string): string | null {
  const value = blank(text);
  return value && !/^[a-z][a-z0-9+.-]*:/i.test(value) ? `https://${value}` : value;
}
const isNumber = (v: number | string): v is number => typeof v === 'number' && Number.isFinite(v);

/** The server names a field by its path (`coordinates.lat`); the form by its input. */
const FIELD_OF_PATH: Record<string, keyof FormValues> = { coordinates: 'lat' };

/** Every field of the actor map: identity, services of the basket, where, when and how to reach it. */
export function InstitutionForm({
  institution,
  restrictTerritory,
  defaultTerritory,
  onSaved,
  onCancel,
}: InstitutionFormProps) {
  const { t } = useTranslation();
  const save = useSaveInstitution();
  const territories = useTerritoryOptions(restrictTerritory);
  const sectors = useSectorOptions();
  const services = useServiceLabels();
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const name = (v: string) => (v.trim().length >= 2 ? null : t('validation.minLength', { min: 2 }));
  const form = useForm<FormValues>({
    initialValues: valuesOf(institution, restrictTerritory ?? defaultTerritory),
    validate: {
      nameAr: name,
      nameFr: name,
      sectorCode: required,
      type: required,
      territoryCode: required,
      // Both coordinates or neither: half a position is a typing slip.
      lat: (v, values) =>
        isNumber(v) !== isNumber(values.lng) ? t('institutions.form.bothCoordinates') : null,
      lng: (v, values) =>
        isNumber(v) !== isNumber(values.lat) ? t('institutions.form.bothCoordinates') : null,
    },
  });
  const communes = useCommunes(form.values.territoryCode || undefined);
  // The version the form is based on; replaced when the user reloads after a conflict.
  const [baseVersion, setBaseVersion] = useState(institution?.version ?? 0);

  const submit = form.onSubmit((values) => {
    const body = {
      nameAr: values.nameAr.trim(),
      nameFr: values.nameFr.trim(),
      sectorCode: values.sectorCode,
      type: values.type as Institution['type'],
      territoryCode: values.territoryCode,
      services: values.services,
      communeId: values.communeId,
      address: blank(values.address),
      coordinates: isNumber(values.lat) && isNumber(values.lng) ? { lat: values.lat, lng: values.lng } : null,
      openingHours: blank(values.openingHours),
      phone: blank(values.phone),
      fax: blank(values.fax),
      email: blank(values.email),
      website: websiteOf(values.website),
    };
    const input = institution
      ? { id: institution.id, body: { ...body, active: values.active, version: baseVersion } }
      : { body };
    save.mutate(input, {
      onSuccess: onSaved,
      onError: (error) => {
        const errors: Record<string, string> = {};
        for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
          errors[FIELD_OF_PATH[path] ?? path] = message;
        }
        form.setErrors(errors);
      },
    });
  });

  const communeOptions = (communes.data ?? []).map((c) => ({
    value: c.id,
    label: services.language === 'ar' ? c.nameAr : c.nameFr,
  }));

  return (
    <form noValidate onSubmit={submit} data-testid="institution-form">
      <Stack gap="sm">
        <SaveProblem
          error={save.error}
          schema={institutionSchema}
          onReload={(current) => {
            form.setValues(valuesOf(current, restrictTerritory));
            setBaseVersion(current.version);
          }}
          reset={save.reset}
          testId="form-error"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('institutions.nameAr')}
            dir="rtl"
            lang="ar"
            required
            maxLength={200}
            {...form.getInputProps('nameAr')}
          />
          <TextInput
            label={t('institutions.nameFr')}
            dir="ltr"
            lang="fr"
            required
            maxLength={200}
            {...form.getInputProps('nameFr')}
          />
          <Select
            label={t('institutions.type')}
            required
            searchable
            data={INSTITUTION_TYPES.map((type) => ({ value: type, label: t(`institutionTypes.${type}`) }))}
            {...form.getInputProps('type')}
            data-testid="institution-type"
          />
          <Select
            label={t('institutions.sector')}
            required
            searchable
            data={sectors}
            {...form.getInputProps('sectorCode')}
            data-testid="institution-sector"
          />
          <Select
            label={t('institutions.territory')}
            required
            searchable
            data={territories}
            disabled={Boolean(restrictTerritory)}
            {...form.getInputProps('territoryCode')}
            onChange={(value) => {
              form.setFieldValue('territoryCode', value ?? '');
              // A commune belongs to one territory: moving the institution clears it.
              if (value !== form.values.territoryCode) form.setFieldValue('communeId', null);
            }}
          />
          <Select
            label={t('institutions.commune')}
            searchable
            clearable
            data={communeOptions}
            disabled={!form.values.territoryCode}
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('communeId')}
          />
        </SimpleGrid>

        <MultiSelect
          label={t('institutions.services')}
          description={t('institutions.form.servicesHelp')}
          data={services.options}
          searchable
          clearable
          hidePickedOptions
          maxValues={60}
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('services')}
          data-testid="institution-services"
        />

        <Fieldset
          legend={t('institutions.form.where')}
          variant="unstyled"
          styles={{ legend: { fontWeight: 700, marginBottom: 4 } }}
        >
          <Stack gap="sm">
            <Textarea
              label={t('institutions.address')}
              autosize
              minRows={2}
              maxLength={500}
              dir="auto"
              {...form.getInputProps('address')}
            />
            <SimpleGrid cols={{ base: 2 }} spacing="sm">
              <NumberInput
                label={t('institutions.lat')}
                description={t('institutions.form.latHelp')}
                decimalScale={6}
                min={20.5}
                max={36}
                hideControls
                dir="ltr"
                {...form.getInputProps('lat')}
                data-testid="institution-lat"
              />
              <NumberInput
                label={t('institutions.lng')}
                description={t('institutions.form.lngHelp')}
                decimalScale={6}
                min={-17.5}
                max={-0.9}
                allowNegative
                hideControls
                dir="ltr"
                {...form.getInputProps('lng')}
                data-testid="institution-lng"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset
          legend={t('institutions.form.reach')}
          variant="unstyled"
          styles={{ legend: { fontWeight: 700, marginBottom: 4 } }}
        >
          <Stack gap="sm">
            <Textarea
              label={t('institutions.hours')}
              description={t('institutions.form.hoursHelp')}
              autosize
              minRows={1}
              maxLength={500}
              dir="auto"
              {...form.getInputProps('openingHours')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <PhoneInput {...form.getInputProps('phone')} data-testid="institution-phone" />
              <TextInput
                label={t('institutions.fax')}
                type="tel"
                dir="ltr"
                autoComplete="off"
                {...form.getInputProps('fax')}
              />
              <EmailInput {...form.getInputProps('email')} />
              <TextInput
                label={t('institutions.website')}
                type="url"
                dir="ltr"
                placeholder="https://"
                maxLength={300}
                {...form.getInputProps('website')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

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
