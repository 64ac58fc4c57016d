import { type InstitutionContact, institutionContactSchema } from '@madar/domain';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMail, IconPencil, IconPhone, IconPlus, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { SaveProblem } from '../../app/components/SaveProblem';
import { useInstitutionAccounts, useRemoveContact, useSaveContact } from './api';
import { EmailInput, PhoneInput } from './ReachInputs';

/** How to reach a contact point: a phone to call and an address to write to, in one line each. */
export function ContactLines({ contact }: { contact: InstitutionContact }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      {contact.phone ? (
        <Group gap={6} wrap="nowrap">
          <IconPhone size={14} aria-hidden="true" />
          <Anchor
            href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}
            size="sm"
            dir="ltr"
            underline="always"
            aria-label={`${t('institutions.phone')}: ${contact.phone}`}
          >
            {contact.phone}
          </Anchor>
        </Group>
      ) : null}
      {contact.email ? (
        <Group gap={6} wrap="nowrap">
          <IconMail size={14} aria-hidden="true" />
          <Anchor
            href={`mailto:${contact.email}`}
            size="sm"
            dir="ltr"
            underline="always"
            style={{ overflowWrap: 'anywhere' }}
            aria-label={`${t('institutions.email')}: ${contact.email}`}
          >
            {contact.email}
          </Anchor>
        </Group>
      ) : null}
    </Stack>
  );
}

/** One contact point: who, in which role, how to reach them, and the Madar account they use. */
export function ContactCard({
  contact,
  actions,
  headingLevel = 3,
}: {
  contact: InstitutionContact;
  actions?: ReactNode;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="contact-point">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={headingLevel} size="h5" dir="auto">
            {contact.name}
          </Title>
          {contact.title ? (
            <Text size="sm" c="gray.7" dir="auto">
              {contact.title}
            </Text>
          ) : null}
          <ContactLines contact={contact} />
          {contact.user ? (
            <Badge
              variant="light"
              color={contact.user.active ? 'teal' : 'gray'}
              leftSection={<IconUserCheck size={12} aria-hidden="true" />}
              style={{ textTransform: 'none', alignSelf: 'flex-start', height: 'auto', maxWidth: '100%' }}
              styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
            >
              {contact.user.active
                ? t('institutions.contacts.hasAccount')
                : t('institutions.contacts.accountInactive')}
            </Badge>
          ) : null}
        </Stack>
        {actions ? (
          <Group gap={2} wrap="nowrap">
            {actions}
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}

interface ContactValues {
  name: string;
  title: string;
  phone: string;
  email: string;
  userId: string | null;
}

const valuesOf = (c: InstitutionContact | undefined): ContactValues => ({
  name: c?.name ?? '',
  title: c?.title ?? '',
  phone: c?.phone ?? '',
  email: c?.email ?? '',
  userId: c?.user?.id ?? null,
});

const blank = (text: string) => (text.trim() === '' ? null : text.trim());

function ContactForm({
  institution,
  contact,
  onDone,
}: {
  institution: { id: string; territoryCode: string };
  contact?: InstitutionContact;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveContact(institution.id);
  const accounts = useInstitutionAccounts(institution, true);
  const [baseVersion, setBaseVersion] = useState(contact?.version ?? 0);
  const form = useForm<ContactValues>({
    initialValues: valuesOf(contact),
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : t('validation.minLength', { min: 2 })),
    },
  });
  const accountOptions = (accounts.data ?? []).map((u) => ({ value: u.id, label: u.fullName }));
  // A linked account deactivated since stays shown, so that saving keeps it rather than dropping it.
  if (contact?.user && !accountOptions.some((o) => o.value === contact.user?.id)) {
    accountOptions.push({ value: contact.user.id, label: contact.user.fullName });
  }

  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        id: contact?.id,
        version: baseVersion,
        body: {
          name: values.name.trim(),
          title: blank(values.title),
          phone: blank(values.phone),
          email: blank(values.email),
          userId: values.userId,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('common.saved') });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    ),
  );

  return (
    <form noValidate onSubmit={submit} data-testid="contact-form">
      <Stack gap="sm">
        <SaveProblem
          error={save.error}
          schema={institutionContactSchema}
          onReload={(current) => {
            form.setValues(valuesOf(current));
            setBaseVersion(current.version);
          }}
          reset={save.reset}
          testId="contact-form-error"
        />
        <TextInput
          label={t('institutions.contacts.name')}
          required
          maxLength={200}
          dir="auto"
          {...form.getInputProps('name')}
          data-testid="contact-name"
        />
        <TextInput
          label={t('institutions.contacts.position')}
          maxLength={200}
          dir="auto"
          {...form.getInputProps('title')}
          data-testid="contact-title"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PhoneInput {...form.getInputProps('phone')} data-testid="contact-phone" />
          <EmailInput {...form.getInputProps('email')} data-testid="contact-email" />
        </SimpleGrid>
        <Select
          label={t('institutions.contacts.account')}
          description={t('institutions.contacts.accountHelp')}
          data={accountOptions}
          clearable
          searchable
          placeholder={
            accounts.data && accounts.data.length === 0 ? t('institutions.contacts.noAccount') : undefined
          }
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('userId')}
          data-testid="contact-account"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="contact-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The contact points (نقاط الاتصال) of an institution; kept by whoever may edit the institution. */
export function ContactPointsSection({
  institution,
  contacts,
  editable,
}: {
  institution: { id: string; territoryCode: string };
  contacts: InstitutionContact[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<InstitutionContact | 'new' | null>(null);
  const [removing, setRemoving] = useState<InstitutionContact | null>(null);
  const remove = useRemoveContact(institution.id);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="contacts-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="contacts-title">
          {t('institutions.contacts.title')}
        </Title>
        {editable ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            onClick={() => setEditing('new')}
            data-testid="contact-add"
          >
            {t('institutions.contacts.add')}
          </Button>
        ) : null}
      </Group>
      {contacts.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('institutions.contacts.none')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="contact-points">
          {contacts.map((contact) => (
            <ContactCard
              key={contact.id}
              contact={contact}
              actions={
                editable ? (
                  <>
                    <Tooltip label={t('common.edit')}>
                      <ActionIcon
                        variant="subtle"
                        onClick={() => setEditing(contact)}
                        aria-label={`${t('common.edit')}: ${contact.name}`}
                        data-testid={`contact-edit-${contact.id}`}
                      >
                        <IconPencil size={18} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('institutions.contacts.remove')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoving(contact)}
                        aria-label={`${t('institutions.contacts.remove')}: ${contact.name}`}
                        data-testid={`contact-remove-${contact.id}`}
                      >
                        <IconTrash size={18} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </>
                ) : undefined
              }
            />
          ))}
        </Stack>
      )}

      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('institutions.contacts.add') : t('institutions.contacts.edit')}
        size="lg"
      >
        {editing !== null ? (
          <ContactForm
            institution={institution}
            contact={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </AppModal>

      <AppModal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={t('institutions.contacts.remove')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('institutions.contacts.removeConfirm', { name: removing?.name ?? '' })}</Text>
          <ProblemAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                removing &&
                remove.mutate(removing.id, {
                  onSuccess: () => {
                    setRemoving(null);
                    notifications.show({ color: 'teal', message: t('institutions.contacts.removed') });
                  },
                })
              }
              data-testid="contact-remove-confirm"
            >
              {t('institutions.contacts.remove')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Paper>
  );
}
