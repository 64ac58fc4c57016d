import { type ChildIdentity, phoneSchema, SEXES } from '@madar/domain';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff, IconPencil, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { VersionConflict } from '../../../app/components/VersionConflict';
import { formatDate } from '../../../app/format';
import { useReferenceNames } from '../../../app/reference';
import { fieldErrorsByPath } from '../../reports/problems';
import {
  type CaseDetail,
  type ChildWithIdentity,
  can,
  type Sex,
  useRevealIdentity,
  useUpdateIdentity,
} from '../api';
import { useLanguage } from './labels';

const CNIE_PATTERN = /^[A-Z]{1,2}\d{3,7}$/;

function Field({
  label,
  value,
  dir,
}: {
  label: string;
  value: string | null | undefined;
  dir?: 'ltr' | 'rtl';
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" fw={500} dir={value ? dir : undefined}>
        {value || (
          <Text span size="sm" c="gray.7" fw={400}>
            {t('casePage.identity.notRecorded')}
          </Text>
        )}
      </Text>
    </Stack>
  );
}

/** What everyone who may open the case sees: no name, no date of birth. */
function PseudonymousProfile({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useReferenceNames();
  const child = detail.child;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="profile-title">
      <Title order={2} size="h4" mb="sm" id="profile-title">
        {t('casePage.identity.profileTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <Field label={t('casePage.header.childCode')} value={child.code} dir="ltr" />
        <Field label={t('casePage.identity.sex')} value={t(`casePage.sex.${child.sex}`)} />
        <Field
          label={t('casePage.identity.ageBand')}
          value={child.ageBand ? t(`casePage.ageBand.${child.ageBand}`) : null}
        />
        <Field
          label={t('casePage.identity.birthYear')}
          value={child.birthYear ? String(child.birthYear) : null}
        />
        <Field label={t('casePage.identity.territory')} value={names.territory(child.territoryCode)} />
        <Field label={t('casePage.identity.registeredOn')} value={formatDate(child.createdAt, language)} />
      </SimpleGrid>
    </Paper>
  );
}

function IdentityView({ child }: { child: ChildWithIdentity }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = child.identity;
  const birth = id.birthDate
    ? `${formatDate(`${id.birthDate}T12:00:00Z`, language)}${id.birthDateEstimated ? ` (${t('casePage.identity.estimated')})` : ''}`
    : null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      <Field label={t('casePage.identity.firstNameAr')} value={id.firstNameAr} dir="rtl" />
      <Field label={t('casePage.identity.lastNameAr')} value={id.lastNameAr} dir="rtl" />
      <Field label={t('casePage.identity.firstNameLatin')} value={id.firstNameLatin} dir="ltr" />
      <Field label={t('casePage.identity.lastNameLatin')} value={id.lastNameLatin} dir="ltr" />
      <Field label={t('casePage.identity.birthDate')} value={birth} />
      <Field label={t('casePage.identity.sex')} value={t(`casePage.sex.${child.sex}`)} />
      <Field label={t('casePage.identity.fatherName')} value={id.fatherName} />
      <Field label={t('casePage.identity.motherName')} value={id.motherName} />
      <Field label={t('casePage.identity.birthRecordNumber')} value={id.birthRecordNumber} dir="ltr" />
      <Field label={t('casePage.identity.nationalId')} value={id.nationalId} dir="ltr" />
      <Field label={t('casePage.identity.address')} value={id.address} />
      <Field label={t('casePage.identity.phones')} value={id.phones.join(' · ')} dir="ltr" />
    </SimpleGrid>
  );
}

interface IdentityValues {
  sex: Sex;
  identity: {
    firstNameAr: string;
    lastNameAr: string;
    firstNameLatin: string;
    lastNameLatin: string;
    birthDate: string;
    birthDateEstimated: boolean;
    fatherName: string;
    motherName: string;
    birthRecordNumber: string;
    nationalId: string;
    address: string;
    phones: string[];
  };
}

function valuesOf(child: ChildWithIdentity): IdentityValues {
  const id = child.identity;
  return {
    sex: child.sex,
    identity: {
      firstNameAr: id.firstNameAr ?? '',
      lastNameAr: id.lastNameAr ?? '',
      firstNameLatin: id.firstNameLatin ?? '',
      lastNameLatin: id.lastNameLatin ?? '',
      birthDate: id.birthDate ?? '',
      birthDateEstimated: id.birthDateEstimated,
      fatherName: id.fatherName ?? '',
      motherName: id.motherName ?? '',
      birthRecordNumber: id.birthRecordNumber ?? '',
      nationalId: id.nationalId ?? '',
      address: id.address ?? '',
      phones: id.phones,
    },
  };
}

const orNull = (text: string) => text.trim() || null;

function IdentityForm({
  caseId,
  child,
  onSaved,
  onCancel,
  onReload,
}: {
  caseId: string;
  child: ChildWithIdentity;
  onSaved: (child: ChildWithIdentity) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const save = useUpdateIdentity(caseId);
  const form = useForm<IdentityValues>({
    initialValues: valuesOf(child),
    validate: {
      identity: {
        firstNameAr: (v, values) =>
          v.trim() || values.identity.firstNameLatin.trim() ? null : t('casePage.identity.nameRequired'),
        nationalId: (v) =>
          !v.trim() || CNIE_PATTERN.test(v.trim().toUpperCase()) ? null : t('casePage.identity.cnieFormat'),
        phones: (list) =>
          list.every((p) => phoneSchema.safeParse(p).success) ? null : t('validation.phone'),
      },
    },
  });

  const submit = form.onSubmit((values) => {
    const v = values.identity;
    const identity: ChildIdentity = {
      firstNameAr: orNull(v.firstNameAr),
      lastNameAr: orNull(v.lastNameAr),
      firstNameLatin: orNull(v.firstNameLatin),
      lastNameLatin: orNull(v.lastNameLatin),
      birthDate: v.birthDate || null,
      birthDateEstimated: v.birthDate ? v.birthDateEstimated : false,
      fatherName: orNull(v.fatherName),
      motherName: orNull(v.motherName),
      birthRecordNumber: orNull(v.birthRecordNumber),
      nationalId: v.nationalId.trim() ? v.nationalId.trim().toUpperCase() : null,
      address: orNull(v.address),
      phones: v.phones.map((p) => p.replace(/\s+/g, '')),
    };
    save.mutate(
      { childId: child.id, body: { sex: values.sex, identity, version: child.version } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('common.saved') });
          onSaved(saved);
        },
        onError: (error) => {
          const errors: Record<string, string> = {};
          // `identity.phones.1` is shown on the phones input.
          for (const [path, message] of Object.entries(fieldErrorsByPath(error))) {
            errors[path.replace(/\.phones\.\d+$/, '.phones')] ??= message;
          }
          form.setErrors(errors);
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={submit} data-testid="identity-form">
      <Stack gap="sm">
        <VersionConflict
          error={save.error}
          onReload={() => {
            save.reset();
            onReload();
          }}
        />
        {!isApiError(save.error, 'version_conflict') ? <ProblemAlert error={save.error} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('casePage.identity.firstNameAr')}
            dir="rtl"
            lang="ar"
            maxLength={80}
            {...form.getInputProps('identity.firstNameAr')}
          />
          <TextInput
            label={t('casePage.identity.lastNameAr')}
            dir="rtl"
            lang="ar"
            maxLength={80}
            {...form.getInputProps('identity.lastNameAr')}
          />
          <TextInput
            label={t('casePage.identity.firstNameLatin')}
            dir="ltr"
            lang="fr"
            maxLength={80}
            {...form.getInputProps('identity.firstNameLatin')}
          />
          <TextInput
            label={t('casePage.identity.lastNameLatin')}
            dir="ltr"
            lang="fr"
            maxLength={80}
            {...form.getInputProps('identity.lastNameLatin')}
          />
          <Select
            label={t('casePage.identity.sex')}
            data={SEXES.map((s) => ({ value: s, label: t(`casePage.sex.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps('sex')}
          />
          <Stack gap={4}>
            <TextInput
              type="date"
              label={t('casePage.identity.birthDate')}
              {...form.getInputProps('identity.birthDate')}
            />
            <Checkbox
              label={t('casePage.identity.birthDateEstimated')}
              disabled={!form.values.identity.birthDate}
              {...form.getInputProps('identity.birthDateEstimated', { type: 'checkbox' })}
            />
          </Stack>
          <TextInput
            label={t('casePage.identity.fatherName')}
            maxLength={120}
            {...form.getInputProps('identity.fatherName')}
          />
          <TextInput
            label={t('casePage.identity.motherName')}
            maxLength={120}
            {...form.getInputProps('identity.motherName')}
          />
          <TextInput
            label={t('casePage.identity.birthRecordNumber')}
            dir="ltr"
            maxLength={40}
            {...form.getInputProps('identity.birthRecordNumber')}
          />
          <TextInput
            label={t('casePage.identity.nationalId')}
            description={t('casePage.identity.nationalIdHelp')}
            dir="ltr"
            autoCapitalize="characters"
            maxLength={9}
            {...form.getInputProps('identity.nationalId')}
          />
        </SimpleGrid>
        <Textarea
          label={t('casePage.identity.address')}
          autosize
          minRows={2}
          maxLength={300}
          {...form.getInputProps('identity.address')}
        />
        <TagsInput
          label={t('casePage.identity.phones')}
          description={t('casePage.identity.phonesHelp')}
          dir="ltr"
          maxTags={5}
          placeholder="06XXXXXXXX"
          {...form.getInputProps('identity.phones')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="identity-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The child's identity: hidden until asked for, by those whose role needs it; each showing is a
 * logged view (the user is told so before).
 */
export function IdentitySection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const reveal = useRevealIdentity();
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<ChildWithIdentity | null>(null);
  const allowed = can(detail, 'readIdentity');

  const show = () =>
    reveal.mutate(detail.child.id, {
      onSuccess: (child) => setShown(child),
    });
  const hide = () => {
    setShown(null);
    setEditing(false);
    reveal.reset();
  };

  return (
    <Stack gap="md">
      <PseudonymousProfile detail={detail} />
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="identity-title">
        <Title order={2} size="h4" mb="sm" id="identity-title">
          {t('casePage.identity.title')}
        </Title>
        {!allowed ? (
          <Text size="sm" c="gray.8" data-testid="identity-restricted">
            {t('casePage.identity.restricted')}
          </Text>
        ) : (
          <Stack gap="sm">
            <Alert
              color="blue"
              variant="light"
              icon={<IconShieldLock aria-hidden="true" />}
              data-testid="identity-notice"
            >
              <Text size="sm">{t('casePage.identity.recordedNotice')}</Text>
            </Alert>
            <ProblemAlert error={reveal.error} />
            {!shown ? (
              <Group>
                <Button
                  leftSection={<IconEye size={18} aria-hidden="true" />}
                  onClick={show}
                  loading={reveal.isPending}
                  data-testid="show-identity"
                >
                  {t('casePage.identity.show')}
                </Button>
              </Group>
            ) : (
              <Stack gap="sm" data-testid="identity-panel">
                {editing ? (
                  <IdentityForm
                    key={shown.version}
                    caseId={detail.id}
                    child={shown}
                    onSaved={(saved) => {
                      setShown(saved);
                      setEditing(false);
                    }}
                    onCancel={() => setEditing(false)}
                    onReload={show}
                  />
                ) : (
                  <>
                    <IdentityView child={shown} />
                    <Group gap="xs">
                      <Button
                        variant="light"
                        leftSection={<IconPencil size={16} aria-hidden="true" />}
                        onClick={() => setEditing(true)}
                        data-testid="identity-edit"
                      >
                        {t('casePage.identity.edit')}
                      </Button>
                      <Button
                        variant="default"
                        leftSection={<IconEyeOff size={16} aria-hidden="true" />}
                        onClick={hide}
                        data-testid="hide-identity"
                      >
                        {t('casePage.identity.hide')}
                      </Button>
                    </Group>
                  </>
                )}
              </Stack>
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
