import { hasAnyRole, type Language, type NewReportInput, phoneSchema, URGENCIES } from '@madar/domain';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconCircleCheck, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatDateTime } from '../../app/format';
import { useCurrentSession } from '../../app/queries';
import { useTerritoryOptions } from '../../app/reference';
import { currentLanguage } from '../../i18n';
import type { Sex } from '../children/api';
import { SexControl } from '../children/SexControl';
import { useCommunes } from '../territories/api';
import { type ReportSummary, type Urgency, useCreateReport } from './api';
import { casablancaLocalToIso, casablancaNowLocal } from './datetime';
import { URGENCY_STYLE, UrgencyBadge } from './labels';
import { fieldErrorsByPath } from './problems';
import { REPORTER_ROLES, TRIAGE_ROLES } from './roles';
import { useTaxonomy } from './taxonomy';

const MAX_CHILDREN = 12;

interface ChildValues {
  key: string;
  firstName: string;
  lastName: string;
  approximateAge: number | string;
  sex: Sex;
  notes: string;
}

interface FormValues {
  territoryCode: string | null;
  sourceCode: string | null;
  receivedAt: string;
  communeId: string | null;
  address: string;
  urgency: Urgency;
  harmForms: string[];
  facts: string;
  reporter: { anonymous: boolean; name: string; phone: string; relation: string };
  children: ChildValues[];
}

const newChild = (): ChildValues => ({
  key: randomId(),
  firstName: '',
  lastName: '',
  approximateAge: '',
  sex: 'unknown',
  notes: '',
});

function bodyOf(values: FormValues): NewReportInput {
  const text = (v: string) => v.trim() || null;
  const reporter = values.reporter;
  return {
    territoryCode: values.territoryCode ?? '',
    sourceCode: values.sourceCode ?? '',
    receivedAt: casablancaLocalToIso(values.receivedAt) ?? values.receivedAt,
    communeId: values.communeId,
    address: text(values.address),
    urgency: values.urgency,
    harmForms: values.harmForms,
    facts: values.facts.trim(),
    reporter: reporter.anonymous
      ? { anonymous: true, name: null, phone: null, relation: text(reporter.relation) }
      : reporter.name.trim() || reporter.phone.trim() || reporter.relation.trim()
        ? {
            anonymous: false,
            name: text(reporter.name),
            phone: text(reporter.phone.replace(/[\s.-]+/g, '')),
            relation: text(reporter.relation),
          }
        : null,
    children: values.children.map((c) => ({
      firstName: text(c.firstName),
      lastName: text(c.lastName),
      approximateAge: c.approximateAge === '' ? null : Number(c.approximateAge),
      sex: c.sex,
      notes: text(c.notes),
    })),
  };
}

/** Puts the keyboard (and the screen of a phone) on the first field the user must correct. */
function focusFirstError() {
  window.setTimeout(() => {
    const field = document.querySelector<HTMLElement>('[data-testid="report-form"] [aria-invalid="true"]');
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    // A list opens when it takes the focus and would hide the form: it is only brought into view.
    if (field.getAttribute('aria-haspopup') !== 'listbox') field.focus({ preventScroll: true });
  }, 0);
}

function ReportForm({ onCreated }: { onCreated: (report: ReportSummary) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useCurrentSession();
  // Partners and UPE reporters may report a child met in another province; CAPE staff report for theirs.
  const mayChooseTerritory = hasAnyRole(user.roles, REPORTER_ROLES) || !user.territoryCode;
  const territories = useTerritoryOptions(mayChooseTerritory ? null : user.territoryCode);
  const taxonomy = useTaxonomy();
  const create = useCreateReport();

  const form = useForm<FormValues>({
    initialValues: {
      territoryCode: user.territoryCode,
      sourceCode: null,
      receivedAt: casablancaNowLocal(),
      communeId: null,
      address: '',
      urgency: 'normal',
      harmForms: [],
      facts: '',
      reporter: { anonymous: false, name: '', phone: '', relation: '' },
      children: [newChild()],
    },
    validate: {
      territoryCode: (v) => (v ? null : t('validation.required')),
      sourceCode: (v) => (v ? null : t('validation.required')),
      receivedAt: (v) => {
        const iso = casablancaLocalToIso(v);
        if (!iso) return t('validation.required');
        return new Date(iso).getTime() > Date.now() + 60_000 ? t('reports.form.receivedInFuture') : null;
      },
      facts: (v) => (v.trim().length >= 10 ? null : t('validation.minLength', { min: 10 })),
      reporter: {
        phone: (v, values) =>
          values.reporter.anonymous || !v.trim() || phoneSchema.safeParse(v.replace(/[\s.-]+/g, '')).success
            ? null
            : t('validation.phone'),
      },
      children: {
        approximateAge: (v) =>
          v === '' || (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 25)
            ? null
            : t('reports.form.ageRange'),
      },
    },
  });

  const communes = useCommunes(form.values.territoryCode ?? undefined);
  const communeOptions = (communes.data ?? []).map((c) => ({
    value: c.id,
    label: language === 'ar' ? c.nameAr : c.nameFr,
  }));

  const submit = form.onSubmit(
    (values) =>
      create.mutate(bodyOf(values), {
        onSuccess: onCreated,
        onError: (error) => {
          form.setErrors(fieldErrorsByPath(error));
          focusFirstError();
        },
      }),
    focusFirstError,
  );

  const anonymous = form.values.reporter.anonymous;

  return (
    <form noValidate onSubmit={submit} data-testid="report-form" aria-label={t('reports.form.title')}>
      <Stack gap="md">
        {/* The request: where, when, how urgent. */}
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-section-reception">
          <Title order={2} size="h4" mb="sm" id="report-section-reception">
            {t('reports.form.sectionReception')}
          </Title>
          <Stack gap="sm">
            <Radio.Group
              label={t('reports.form.urgency')}
              required
              value={form.values.urgency}
              onChange={(v) => form.setFieldValue('urgency', v as Urgency)}
              data-testid="report-urgency"
            >
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mt={6}>
                {URGENCIES.map((urgency) => {
                  const style = URGENCY_STYLE[urgency];
                  const Icon = style.icon;
                  const checked = form.values.urgency === urgency;
                  const strong = urgency !== 'normal';
                  return (
                    <Radio.Card
                      key={urgency}
                      value={urgency}
                      radius="md"
                      p="sm"
                      data-testid={`report-urgency-${urgency}`}
                      style={{
                        borderWidth: checked ? 2 : 1,
                        borderColor: checked
                          ? `var(--mantine-color-${style.color}-7)`
                          : strong
                            ? `var(--mantine-color-${style.color}-4)`
                            : undefined,
                        background: checked
                          ? `var(--mantine-color-${style.color}-0)`
                          : urgency === 'immediate'
                            ? 'var(--mantine-color-red-0)'
                            : undefined,
                      }}
                    >
                      <Group gap="sm" wrap="nowrap" align="flex-start">
                        <Radio.Indicator color={style.color === 'gray' ? 'madar' : style.color} mt={2} />
                        <ThemeIcon
                          color={style.color}
                          variant={urgency === 'immediate' ? 'filled' : 'light'}
                          size="md"
                          radius="xl"
                          aria-hidden="true"
                        >
                          <Icon size={16} />
                        </ThemeIcon>
                        <Stack gap={0}>
                          <Text fw={700} size="sm" c={urgency === 'immediate' ? 'red.9' : undefined}>
                            {t(`reports.urgency.${urgency}`)}
                          </Text>
                          <Text size="xs" c="gray.7">
                            {t(`reports.urgencyHelp.${urgency}`)}
                          </Text>
                        </Stack>
                      </Group>
                    </Radio.Card>
                  );
                })}
              </SimpleGrid>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('reports.form.source')}
                required
                searchable
                data={taxonomy.options('report_sources')}
                placeholder={t('reports.form.sourcePlaceholder')}
                data-testid="report-source"
                {...form.getInputProps('sourceCode')}
              />
              <TextInput
                type="datetime-local"
                label={t('reports.form.receivedAt')}
                description={t('reports.form.receivedAtHelp', {
                  date: formatDateTime(casablancaLocalToIso(form.values.receivedAt), language),
                })}
                required
                dir="ltr"
                max={casablancaNowLocal()}
                data-testid="report-received-at"
                {...form.getInputProps('receivedAt')}
              />
              <Select
                label={t('reports.form.territory')}
                description={mayChooseTerritory ? t('reports.form.territoryHelp') : undefined}
                required
                searchable
                disabled={!mayChooseTerritory}
                data={territories}
                data-testid="report-territory"
                {...form.getInputProps('territoryCode')}
                onChange={(v) => {
                  form.setFieldValue('territoryCode', v);
                  form.setFieldValue('communeId', null);
                }}
              />
              <Select
                label={t('reports.form.commune')}
                searchable
                clearable
                data={communeOptions}
                disabled={!form.values.territoryCode || communeOptions.length === 0}
                placeholder={
                  form.values.territoryCode && communes.isSuccess && communeOptions.length === 0
                    ? t('reports.form.noCommunes')
                    : undefined
                }
                data-testid="report-commune"
                {...form.getInputProps('communeId')}
              />
            </SimpleGrid>
            <TextInput
              label={t('reports.form.address')}
              description={t('reports.form.addressHelp')}
              data-testid="report-address"
              {...form.getInputProps('address')}
            />
          </Stack>
        </Paper>

        {/* What happened. */}
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-section-facts">
          <Title order={2} size="h4" mb="sm" id="report-section-facts">
            {t('reports.form.sectionFacts')}
          </Title>
          <Stack gap="sm">
            <MultiSelect
              label={t('reports.form.harmForms')}
              description={t('reports.form.harmFormsHelp')}
              searchable
              data={taxonomy.options('harm_forms')}
              data-testid="report-harm-forms"
              {...form.getInputProps('harmForms')}
            />
            <Textarea
              label={t('reports.form.facts')}
              description={t('reports.form.factsHelp')}
              required
              autosize
              minRows={4}
              maxRows={14}
              maxLength={10_000}
              data-testid="report-facts"
              {...form.getInputProps('facts')}
            />
          </Stack>
        </Paper>

        {/* The children concerned: one row each (siblings in one report). */}
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-section-children">
          <Title order={2} size="h4" mb={4} id="report-section-children">
            {t('reports.form.sectionChildren')}
          </Title>
          <Text size="sm" c="gray.7" mb="sm">
            {t('reports.form.childrenHelp')}
          </Text>
          <Stack gap="sm">
            {form.values.children.map((child, index) => (
              <Fieldset
                key={child.key}
                legend={t('reports.form.childN', { n: index + 1 })}
                radius="md"
                p="sm"
                data-testid={`report-child-${index}`}
              >
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label={t('reports.form.childFirstName')}
                      autoComplete="off"
                      data-testid={`report-child-first-name-${index}`}
                      {...form.getInputProps(`children.${index}.firstName`)}
                    />
                    <TextInput
                      label={t('reports.form.childLastName')}
                      autoComplete="off"
                      data-testid={`report-child-last-name-${index}`}
                      {...form.getInputProps(`children.${index}.lastName`)}
                    />
                    <NumberInput
                      label={t('reports.form.childAge')}
                      description={t('reports.form.childAgeHelp')}
                      min={0}
                      max={25}
                      allowDecimal={false}
                      allowNegative={false}
                      data-testid={`report-child-age-${index}`}
                      {...form.getInputProps(`children.${index}.approximateAge`)}
                    />
                    <SexControl
                      label={t('reports.form.childSex')}
                      value={child.sex}
                      onChange={(v) => form.setFieldValue(`children.${index}.sex`, v)}
                      testId={`report-child-sex-${index}`}
                    />
                  </SimpleGrid>
                  <Textarea
                    label={t('reports.form.childNotes')}
                    description={t('reports.form.childNotesHelp')}
                    autosize
                    minRows={1}
                    maxRows={5}
                    maxLength={1000}
                    data-testid={`report-child-notes-${index}`}
                    {...form.getInputProps(`children.${index}.notes`)}
                  />
                  {form.values.children.length > 1 ? (
                    <Group justify="flex-end">
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        leftSection={<IconTrash size={16} aria-hidden="true" />}
                        onClick={() => form.removeListItem('children', index)}
                        data-testid={`report-child-remove-${index}`}
                      >
                        {t('reports.form.removeChild', { n: index + 1 })}
                      </Button>
                    </Group>
                  ) : null}
                </Stack>
              </Fieldset>
            ))}
            {form.values.children.length < MAX_CHILDREN ? (
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => form.insertListItem('children', newChild())}
                style={{ alignSelf: 'flex-start' }}
                data-testid="report-child-add"
              >
                {t('reports.form.addChild')}
              </Button>
            ) : null}
          </Stack>
        </Paper>

        {/* Who reported: optional and confidential. */}
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-section-reporter">
          <Group gap={6} mb={4}>
            <IconLock size={18} aria-hidden="true" />
            <Title order={2} size="h4" id="report-section-reporter">
              {t('reports.form.sectionReporter')}
            </Title>
          </Group>
          <Text size="sm" c="gray.7" mb="sm">
            {t('reports.form.reporterHelp')}
          </Text>
          <Stack gap="sm">
            <Checkbox
              label={t('reports.form.anonymous')}
              description={t('reports.form.anonymousHelp')}
              data-testid="report-anonymous"
              {...form.getInputProps('reporter.anonymous', { type: 'checkbox' })}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {!anonymous ? (
                <>
                  <TextInput
                    label={t('reports.form.reporterName')}
                    autoComplete="off"
                    data-testid="report-reporter-name"
                    {...form.getInputProps('reporter.name')}
                  />
                  <TextInput
                    label={t('reports.form.reporterPhone')}
                    type="tel"
                    dir="ltr"
                    placeholder="06XXXXXXXX"
                    autoComplete="off"
                    data-testid="report-reporter-phone"
                    {...form.getInputProps('reporter.phone')}
                  />
                </>
              ) : null}
              <TextInput
                label={t('reports.form.reporterRelation')}
                description={t('reports.form.reporterRelationHelp')}
                data-testid="report-reporter-relation"
                {...form.getInputProps('reporter.relation')}
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <ProblemAlert error={create.error} testId="report-error" />
        <Group justify="flex-end">
          <Button
            type="submit"
            size="md"
            loading={create.isPending}
            leftSection={<IconCircleCheck size={18} aria-hidden="true" />}
            data-testid="report-submit"
          >
            {t('reports.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReportCreated({ report, onAnother }: { report: ReportSummary; onAnother: () => void }) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const triager = hasAnyRole(user.roles, TRIAGE_ROLES) && user.territoryCode === report.territoryCode;
  const reporter = hasAnyRole(user.roles, REPORTER_ROLES);
  const language = currentLanguage();
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck aria-hidden="true" />}
      title={t('reports.created.title')}
      role="status"
      data-testid="report-created"
    >
      <Stack gap="sm">
        <Text size="sm">
          {triager
            ? t('reports.created.textQueue')
            : reporter
              ? t('reports.created.textPartner')
              : t('reports.created.textOther')}
        </Text>
        <Group gap="xs">
          <UrgencyBadge urgency={report.urgency} />
          <Text size="sm" c="gray.7">
            {t('reports.created.receivedAt', { date: formatDateTime(report.receivedAt, language) })}
          </Text>
        </Group>
        <Group gap="sm">
          {triager ? (
            <>
              <Button component={Link} to={`/reports/${report.id}`} data-testid="report-created-open">
                {t('reports.created.openReport')}
              </Button>
              <Button
                component={Link}
                to="/reports/triage"
                variant="light"
                data-testid="report-created-queue"
              >
                {t('reports.created.toQueue')}
              </Button>
            </>
          ) : reporter ? (
            <Button component={Link} to="/reports/mine" data-testid="report-created-mine">
              {t('reports.created.toMine')}
            </Button>
          ) : null}
          <Anchor component="button" type="button" size="sm" onClick={onAnother} data-testid="report-another">
            {t('reports.created.another')}
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

/** بطاقة التبليغ: a report lands in the CAPE's triage queue of its territory. */
export function ReportFormPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<ReportSummary | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <PageHeader title={t('reports.form.title')} subtitle={t('reports.form.subtitle')} />
      {created ? (
        <ReportCreated
          report={created}
          onAnother={() => {
            setCreated(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <ReportForm
          key={formKey}
          onCreated={(report) => {
            setCreated(report);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </>
  );
}
