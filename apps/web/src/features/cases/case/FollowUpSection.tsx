import {
  addDays,
  CHILD_VIEWS_MIN_LENGTH,
  CONTACT_TYPES,
  type ContactType,
  casablancaDate,
  type FollowUp,
} from '@madar/domain';
import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessageCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../../app/api';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { formatDate, formatDateTime } from '../../../app/format';
import { casablancaLocalToIso, casablancaNowLocal } from '../../reports/datetime';
import { type CaseDetail, can, useCreateFollowUp, useFollowUps } from '../api';
import { CardHistory } from './CardHistory';
import classes from './case.module.css';
import { alertError } from './forms';
import { useLanguage } from './labels';

const FIELDS = ['contactType', 'contactAt', 'observations', 'childViews', 'nextSteps', 'nextFollowUpOn'];
const NEXT_FOLLOW_UP_DAYS = 14;

function FollowUpForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const create = useCreateFollowUp(detail.id);
  const today = casablancaDate();
  const initial = () => ({
    contactType: 'home_visit' as ContactType,
    contactAt: casablancaNowLocal(),
    observations: '',
    childViews: '',
    nextSteps: '',
    nextFollowUpOn: addDays(today, NEXT_FOLLOW_UP_DAYS),
  });
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof ReturnType<typeof initial>>(key: K, value: ReturnType<typeof initial>[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    const contactAt = casablancaLocalToIso(values.contactAt);
    if (!contactAt) local.contactAt = t('validation.required');
    else if (new Date(contactAt).getTime() > Date.now() + 5 * 60_000)
      local.contactAt = t('casePage.followUp.contactInFuture');
    if (!values.observations.trim()) local.observations = t('validation.required');
    if (values.childViews.trim().length < CHILD_VIEWS_MIN_LENGTH)
      local.childViews = t('casePage.followUp.childViewsRequired');
    if (!values.nextFollowUpOn) local.nextFollowUpOn = t('validation.required');
    else if (values.nextFollowUpOn < today) local.nextFollowUpOn = t('casePage.followUp.nextInPast');
    setErrors(local);
    if (Object.keys(local).length > 0 || !contactAt) return;
    create.mutate(
      {
        contactType: values.contactType,
        contactAt,
        observations: values.observations.trim(),
        childViews: values.childViews.trim(),
        nextSteps: values.nextSteps.trim() || null,
        nextFollowUpOn: values.nextFollowUpOn,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('casePage.followUp.saved') });
          setValues(initial());
          setErrors({});
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="followup-form">
      <Stack gap="sm">
        <ProblemAlert error={alertError(create.error, (p) => FIELDS.includes(p))} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('casePage.followUp.contactType')}
            data={CONTACT_TYPES.map((c) => ({ value: c, label: t(`casePage.followUp.contact.${c}`) }))}
            value={values.contactType}
            onChange={(v) => v && set('contactType', v as ContactType)}
            allowDeselect={false}
            required
            error={errors.contactType}
            data-testid="followup-contact-type"
          />
          <TextInput
            type="datetime-local"
            label={t('casePage.followUp.contactAt')}
            description={t('casePage.followUp.contactAtHelp')}
            value={values.contactAt}
            max={casablancaNowLocal()}
            onChange={(e) => set('contactAt', e.currentTarget.value)}
            required
            error={errors.contactAt}
            data-testid="followup-contact-at"
          />
        </SimpleGrid>
        <Textarea
          label={t('casePage.followUp.observations')}
          description={t('casePage.followUp.observationsHelp')}
          autosize
          minRows={3}
          maxLength={10_000}
          value={values.observations}
          onChange={(e) => set('observations', e.currentTarget.value)}
          required
          error={errors.observations}
          data-testid="followup-observations"
        />
        <Paper radius="md" p="sm" className={classes.childViews}>
          <Textarea
            label={
              <Group gap={6} wrap="nowrap" component="span" display="inline-flex">
                <IconMessageCircle size={20} aria-hidden="true" color="var(--mantine-color-madar-8)" />
                {t('casePage.followUp.childViews')}
              </Group>
            }
            description={t('casePage.followUp.childViewsHelp')}
            styles={{
              label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 700 },
              description: { fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-gray-8)' },
            }}
            autosize
            minRows={4}
            maxLength={10_000}
            value={values.childViews}
            onChange={(e) => set('childViews', e.currentTarget.value)}
            required
            placeholder={t('casePage.followUp.childViewsPlaceholder')}
            error={errors.childViews}
            data-testid="followup-child-views"
          />
          <Text size="xs" c="gray.7" mt={4}>
            {t('casePage.followUp.childViewsCannot')}
          </Text>
        </Paper>
        <Textarea
          label={t('casePage.followUp.nextSteps')}
          autosize
          minRows={2}
          maxLength={5000}
          value={values.nextSteps}
          onChange={(e) => set('nextSteps', e.currentTarget.value)}
          error={errors.nextSteps}
          data-testid="followup-next-steps"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('casePage.followUp.nextFollowUpOn')}
            description={t('casePage.followUp.nextFollowUpHelp')}
            min={today}
            value={values.nextFollowUpOn}
            onChange={(e) => set('nextFollowUpOn', e.currentTarget.value)}
            required
            error={errors.nextFollowUpOn}
            data-testid="followup-next-date"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="followup-submit">
            {t('casePage.followUp.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FollowUpCard({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid={`followup-${followUp.id}`}>
      <Group justify="space-between" gap="xs" align="flex-start" mb={4}>
        <Group gap={6}>
          <Badge variant="light">{t(`casePage.followUp.contact.${followUp.contactType}`)}</Badge>
          <Text size="sm" fw={500}>
            {formatDateTime(followUp.contactAt, language)}
          </Text>
        </Group>
        {followUp.createdByName ? (
          <Text size="xs" c="gray.7">
            {followUp.createdByName}
          </Text>
        ) : null}
      </Group>
      <Text size="xs" c="gray.7" fw={500}>
        {t('casePage.followUp.observations')}
      </Text>
      <Text size="sm" className={classes.quote} dir="auto" mb={6}>
        {followUp.observations}
      </Text>
      <Paper radius="sm" p="xs" className={classes.childViews} mb={6}>
        <Text size="xs" c="madar.9" fw={700}>
          {t('casePage.followUp.childViews')}
        </Text>
        <Text size="sm" className={classes.quote} dir="auto" fs="italic">
          {followUp.childViews}
        </Text>
      </Paper>
      {followUp.nextSteps ? (
        <>
          <Text size="xs" c="gray.7" fw={500}>
            {t('casePage.followUp.nextSteps')}
          </Text>
          <Text size="sm" className={classes.quote} dir="auto" mb={6}>
            {followUp.nextSteps}
          </Text>
        </>
      ) : null}
      {followUp.nextFollowUpOn ? (
        <Text size="xs" c="gray.8">
          {t('casePage.followUp.nextFollowUpOn')}
          {t('casePage.colon')} {formatDate(`${followUp.nextFollowUpOn}T12:00:00Z`, language)}
        </Text>
      ) : null}
    </Paper>
  );
}

export function FollowUpSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const followUps = useFollowUps(detail.id);
  const mayWrite = can(detail, 'update') && detail.closedAt === null;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="followup-title">
        <Title order={2} size="h4" mb={4} id="followup-title">
          {t('casePage.followUp.title')}
        </Title>
        <Text size="sm" c="gray.8" mb="sm">
          {t('casePage.followUp.intro')}
        </Text>
        {mayWrite ? (
          <FollowUpForm detail={detail} />
        ) : (
          <Text size="sm" c="gray.7">
            {detail.closedAt ? t('casePage.closedReadOnly') : t('casePage.readOnlyRole')}
          </Text>
        )}
      </Paper>
      <CardHistory
        id="followups-title"
        title={t('casePage.followUp.history')}
        emptyText={t('casePage.followUp.none')}
        query={followUps}
        testId="followup-list"
        render={(f) => <FollowUpCard key={f.id} followUp={f} />}
      />
    </Stack>
  );
}
