import {
  CASEWORKER_ROLES,
  EITHER_SCOPE_ROLES,
  hasAnyRole,
  INSTITUTION_ROLES,
  LANGUAGES,
  NATIONAL_ROLES,
  phoneSchema,
  ROLES,
  type Role,
  type User,
  userSchema,
} from '@madar/domain';
import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { SaveProblem } from '../../app/components/SaveProblem';
import { useCurrentSession } from '../../app/queries';
import { institutionName, useRoleOptions, useTerritoryOptions } from '../../app/reference';
import { useInstitutions } from '../institutions/api';
import { useCreateUser, useUpdateUser } from './api';
import { OpenCasesNotice } from './OpenCasesNotice';

const GRANTED_ONLY_NATIONALLY: readonly Role[] = [...NATIONAL_ROLES, 'provincial_admin'];
const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FormValues {
  login: string;
  fullName: string;
  email: string;
  phone: string;
  roles: string[];
  territoryCode: string | null;
  institutionId: string | null;
  preferredLanguage: string;
  active: boolean;
}

function valuesOf(user: User | undefined, territory: string | null): FormValues {
  return {
    login: user?.login ?? '',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    roles: user?.roles ?? [],
    territoryCode: user ? user.territoryCode : territory,
    institutionId: user?.institutionId ?? null,
    preferredLanguage: user?.preferredLanguage ?? 'ar',
    active: user?.active ?? true,
  };
}

/** National-only roles carry no territory; the others (except the auditor) need one. */
function scopeOf(roles: readonly string[]): 'national' | 'territorial' | 'either' | 'none' {
  const typed = roles as Role[];
  if (typed.length === 0) return 'none';
  if (typed.every((r) => NATIONAL_ROLES.includes(r))) return 'national';
  if (typed.every((r) => EITHER_SCOPE_ROLES.includes(r) || NATIONAL_ROLES.includes(r))) return 'either';
  return 'territorial';
}

interface UserFormProps {
  user?: User;
  onCreated?: (result: { user: User; temporaryPassword: string }) => void;
  onSaved?: (user: User) => void;
  onCancel?: () => void;
}

export function UserForm({ user, onCreated, onSaved, onCancel }: UserFormProps) {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const national = hasAnyRole(session.user.roles, NATIONAL_ROLES);
  // A provincial administrator manages the accounts of their own territory, with territorial roles.
  const restrictTerritory = national ? null : session.user.territoryCode;
  // Only a national administrator grants national scope or makes another administrator.
  const assignable = national ? ROLES : ROLES.filter((r) => !GRANTED_ONLY_NATIONALLY.includes(r));
  const roleOptions = useRoleOptions(assignable);
  const territories = useTerritoryOptions(restrictTerritory);
  const create = useCreateUser();
  const update = useUpdateUser();
  const save = user ? update : create;
  const [baseVersion, setBaseVersion] = useState(user?.version ?? 0);

  const form = useForm<FormValues>({
    initialValues: valuesOf(user, restrictTerritory),
    validate: {
      login: (v) => (user || LOGIN_PATTERN.test(v.trim().toLowerCase()) ? null : t('validation.loginFormat')),
      fullName: (v) => (v.trim().length >= 2 ? null : t('validation.minLength', { min: 2 })),
      email: (v) => (!v.trim() || EMAIL_PATTERN.test(v.trim()) ? null : t('validation.email')),
      phone: (v) => (!v.trim() || phoneSchema.safeParse(v).success ? null : t('validation.phone')),
      roles: (v) => (v.length > 0 ? null : t('validation.rolesRequired')),
      territoryCode: (v, values) =>
        scopeOf(values.roles) === 'territorial' && !v ? t('validation.territoryRequired') : null,
      institutionId: (v, values) =>
        hasAnyRole(values.roles as Role[], INSTITUTION_ROLES) && !v
          ? t('validation.institutionRequired')
          : null,
    },
  });

  const scope = scopeOf(form.values.roles);
  const territoryCode = scope === 'national' ? null : form.values.territoryCode;
  const institutions = useInstitutions(
    { territoryCode: territoryCode ?? undefined, active: 'true', limit: 200, offset: 0 },
    Boolean(territoryCode),
  );
  const institutionOptions = (institutions.data?.items ?? []).map((inst) => ({
    value: inst.id,
    label: institutionName(inst, i18n.language),
  }));
  const needsInstitution = hasAnyRole(form.values.roles as Role[], INSTITUTION_ROLES);

  const submit = form.onSubmit((values) => {
    const common = {
      fullName: values.fullName.trim(),
      email: values.email.trim() || null,
      phone: values.phone.replace(/\s+/g, '') || null,
      roles: values.roles as Role[],
      territoryCode: scopeOf(values.roles) === 'national' ? null : values.territoryCode,
      institutionId: scopeOf(values.roles) === 'national' ? null : values.institutionId,
      preferredLanguage: values.preferredLanguage as User['preferredLanguage'],
    };
    const onError = (error: unknown) => form.setErrors(fieldErrorsOf(error));
    if (user) {
      update.mutate(
        { id: user.id, body: { ...common, active: values.active, version: baseVersion } },
        { onSuccess: (saved) => onSaved?.(saved), onError },
      );
    } else {
      create.mutate(
        { ...common, login: values.login.trim().toLowerCase() },
        { onSuccess: (result) => onCreated?.(result), onError },
      );
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SaveProblem
          error={save.error}
          schema={userSchema}
          onReload={(current) => {
            form.setValues(valuesOf(current, restrictTerritory));
            setBaseVersion(current.version);
          }}
          reset={save.reset}
          testId="form-error"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('users.login')}
            description={user ? undefined : t('users.loginHelp')}
            dir="ltr"
            autoCapitalize="none"
            spellCheck={false}
            required
            disabled={Boolean(user)}
            data-testid="user-login-input"
            {...form.getInputProps('login')}
          />
          <TextInput
            label={t('users.fullName')}
            required
            data-testid="user-fullname-input"
            {...form.getInputProps('fullName')}
          />
          <TextInput label={t('users.email')} type="email" dir="ltr" {...form.getInputProps('email')} />
          <TextInput
            label={t('users.phone')}
            type="tel"
            dir="ltr"
            placeholder="06XXXXXXXX"
            {...form.getInputProps('phone')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('users.roles')}
          required
          searchable
          data={roleOptions}
          data-testid="user-roles-input"
          {...form.getInputProps('roles')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('users.territory')}
            description={scope === 'national' ? t('users.territoryNational') : undefined}
            required={scope === 'territorial'}
            searchable
            clearable={!restrictTerritory}
            disabled={scope === 'national' || Boolean(restrictTerritory)}
            data={territories}
            data-testid="user-territory-input"
            {...form.getInputProps('territoryCode')}
            value={scope === 'national' ? null : form.values.territoryCode}
            onChange={(v) => {
              form.setFieldValue('territoryCode', v);
              form.setFieldValue('institutionId', null);
            }}
          />
          <Select
            label={t('users.institution')}
            required={needsInstitution}
            searchable
            clearable
            disabled={!territoryCode}
            data={institutionOptions}
            nothingFoundMessage={t('common.noResults')}
            data-testid="user-institution-input"
            {...form.getInputProps('institutionId')}
          />
        </SimpleGrid>
        <Select
          label={t('users.preferredLanguage')}
          data={LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
          allowDeselect={false}
          {...form.getInputProps('preferredLanguage')}
        />
        {user ? (
          <Switch label={t('users.activeAccount')} {...form.getInputProps('active', { type: 'checkbox' })} />
        ) : null}
        {/* Unticking an active account (not one's own, which the server refuses) says what saving does. */}
        {user?.active && !form.values.active && user.id !== session.user.id ? (
          <OpenCasesNotice userId={user.id} />
        ) : null}
        {/* Still active, but moved off its cases: to another province, or to roles without cases. */}
        {user?.active &&
        form.values.active &&
        hasAnyRole(user.roles, CASEWORKER_ROLES) &&
        (form.values.territoryCode !== user.territoryCode ||
          !hasAnyRole(form.values.roles as Role[], CASEWORKER_ROLES)) ? (
          <OpenCasesNotice userId={user.id} because="change" />
        ) : null}
        <Group justify="flex-end" mt="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending} data-testid="user-save">
            {user ? t('common.save') : t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
