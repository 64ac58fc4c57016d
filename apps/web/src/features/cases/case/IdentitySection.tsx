import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff, IconPencil, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { SaveProblem } from '../../../app/components/SaveProblem';
import { formatDate } from '../../../app/format';
import { useReferenceNames } from '../../../app/reference';
import {
  ChildIdentityFields,
  type ChildIdentityValues,
  foldIdentityErrors,
  identityOf,
  identityRules,
  identityValuesOf,
} from '../../children/ChildIdentityFields';
import { fieldErrorsByPath } from '../../reports/problems';
import { type CaseDetail, type ChildWithIdentity, can, useRevealIdentity, useUpdateIdentity } from '../api';
import { useLanguage } from './labels';

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
  const form = useForm<ChildIdentityValues>({
    initialValues: { sex: child.sex, identity: identityValuesOf(child.identity) },
    validate: { identity: identityRules(t) },
  });

  const submit = form.onSubmit((values) => {
    const identity = identityOf(values.identity);
    save.mutate(
      { childId: child.id, body: { sex: values.sex, identity, version: child.version } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('common.saved') });
          onSaved(saved);
        },
        onError: (error) => form.setErrors(foldIdentityErrors(fieldErrorsByPath(error))),
      },
    );
  });

  return (
    <form noValidate onSubmit={submit} data-testid="identity-form">
      <Stack gap="sm">
        <SaveProblem error={save.error} onReload={onReload} reset={save.reset} />
        <ChildIdentityFields form={form} />
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
