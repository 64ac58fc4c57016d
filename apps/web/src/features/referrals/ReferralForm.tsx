import {
  type Institution,
  type PlanItem,
  REFERRAL_OPTIONAL_SECTIONS,
  REFERRAL_URGENCIES,
  type ReferralCard,
} from '@madar/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLock, IconSend, IconUsers } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldErrorsOf } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { Loading } from '../../app/components/Loading';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { institutionName, useReferenceNames } from '../../app/reference';
import { alertError, hasFieldCode } from '../cases/case/forms';
import { useRefLabels } from '../cases/case/labels';
import { useInstitutions } from '../institutions/api';
import { type ReferralSuggestions, useCreateReferral, useReferralSuggestions } from './api';

type Urgency = (typeof REFERRAL_URGENCIES)[number];
type Section = (typeof REFERRAL_OPTIONAL_SECTIONS)[number];

/** The institution chosen, wherever it was found: what the form needs to warn before sending. */
interface Chosen {
  id: string;
  offersService: boolean;
  focalPoints: number | null;
}

const FORM_FIELDS = [
  'receivingInstitutionId',
  'urgency',
  'dueOn',
  'sharedSections',
  'shareIdentity',
  'note',
  'confirmServiceMismatch',
];

function suggestionGroups(
  data: ReferralSuggestions | undefined,
  t: (key: string) => string,
  label: (s: ReferralSuggestions['items'][number]) => string,
) {
  const items = data?.items ?? [];
  const groups = [
    {
      group: t('referrals.form.groupOffers'),
      keep: (s: (typeof items)[number]) => s.sameTerritory && s.match === 'offers_service',
    },
    {
      group: t('referrals.form.groupSector'),
      keep: (s: (typeof items)[number]) => s.sameTerritory && s.match === 'sector',
    },
    { group: t('referrals.form.groupOther'), keep: (s: (typeof items)[number]) => !s.sameTerritory },
  ];
  return groups
    .map(({ group, keep }) => ({
      group,
      items: items.filter(keep).map((s) => ({ value: s.id, label: label(s) })),
    }))
    .filter((g) => g.items.length > 0);
}

/**
 * Writing a referral card (بطاقة الربط) for one service of the case plan: to whom (suggested from the
 * actor map, or any active institution of any province), how urgent, by when, and what is shared —
 * the minimum necessary: the child's code, sex and age band always, the rest only when ticked, the
 * identity only when the service cannot be given without it.
 */
export function ReferralForm({
  caseId,
  item,
  opened,
  onClose,
}: {
  caseId: string;
  item: PlanItem;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const names = useReferenceNames();
  const phone = useMediaQuery('(max-width: 36em)');
  const suggestions = useReferralSuggestions(item.id, opened);
  const create = useCreateReferral(caseId, item.id);

  const [suggestedId, setSuggestedId] = useState<string | null>(null);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [otherChosen, setOtherChosen] = useState<Institution | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [dueOn, setDueOn] = useState('');
  const [sections, setSections] = useState<Section[]>(item.need ? ['plan_item_need'] : []);
  const [shareIdentity, setShareIdentity] = useState(false);
  const [note, setNote] = useState('');
  const [confirmMismatch, setConfirmMismatch] = useState(false);
  const [serverAsksConfirm, setServerAsksConfirm] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [keptDraft, setKeptDraft] = useState<string | null>(null);

  const others = useInstitutions(
    { q: debounced, active: 'true', limit: 20, offset: 0 },
    opened && debounced.length >= 2,
  );

  // The due date the protocol gives (the plan item's, or today when that is past), once known.
  useEffect(() => {
    if (suggestions.data && !dueOn) setDueOn(suggestions.data.suggestedDueOn);
  }, [suggestions.data, dueOn]);

  const service = labels.label('service', item.serviceCode);
  const suggestionLabel = (s: {
    nameAr: string;
    nameFr: string;
    territoryCode: string;
    sameTerritory?: boolean;
  }) =>
    s.sameTerritory === false
      ? `${institutionName(s, labels.language)} — ${names.territory(s.territoryCode)}`
      : institutionName(s, labels.language);
  const groups = suggestionGroups(suggestions.data, t, suggestionLabel);

  const chosen: Chosen | null = (() => {
    if (suggestedId) {
      const s = suggestions.data?.items.find((i) => i.id === suggestedId);
      return s ? { id: s.id, offersService: s.match === 'offers_service', focalPoints: s.focalPoints } : null;
    }
    if (otherId && otherChosen) {
      const suggested = suggestions.data?.items.find((i) => i.id === otherId);
      return {
        id: otherId,
        offersService: otherChosen.services.includes(item.serviceCode),
        focalPoints: suggested?.focalPoints ?? null,
      };
    }
    return null;
  })();
  const mismatch = serverAsksConfirm || (chosen !== null && !chosen.offersService);

  const otherOptions = (others.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${institutionName(i, labels.language)} — ${names.territory(i.territoryCode)}`,
  }));
  // The chosen one stays in the options while the search text changes.
  if (otherChosen && !otherOptions.some((o) => o.value === otherChosen.id)) {
    otherOptions.unshift({
      value: otherChosen.id,
      label: `${institutionName(otherChosen, labels.language)} — ${names.territory(otherChosen.territoryCode)}`,
    });
  }

  const chooseInstitution = () => {
    setConfirmMismatch(false);
    setServerAsksConfirm(false);
    setErrors((e) => ({ ...e, receivingInstitutionId: '', confirmServiceMismatch: '' }));
  };

  const submit = (send: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    const local: Record<string, string> = {};
    if (!chosen) local.receivingInstitutionId = t('referrals.form.institutionRequired');
    if (!dueOn) local.dueOn = t('validation.required');
    if (mismatch && !confirmMismatch) local.confirmServiceMismatch = t('referrals.form.mismatchRequired');
    setErrors(local);
    if (Object.keys(local).length || !chosen) return;
    setKeptDraft(null);
    create.mutate(
      {
        body: {
          receivingInstitutionId: chosen.id,
          urgency,
          dueOn,
          sharedSections: sections,
          shareIdentity,
          note: note.trim() || null,
          confirmServiceMismatch: mismatch && confirmMismatch,
        },
        send,
      },
      {
        onSuccess: (card: ReferralCard) => {
          notifications.show({
            color: 'teal',
            message: t(send ? 'referrals.form.sentDone' : 'referrals.form.draftDone', {
              number: card.number,
            }),
          });
          onClose();
        },
        onError: (error) => {
          setErrors(fieldErrorsOf(error));
          if (hasFieldCode(error, 'service_not_offered_confirm')) setServerAsksConfirm(true);
          const draftId = (error as { draftId?: unknown }).draftId;
          if (typeof draftId === 'string') setKeptDraft(draftId);
        },
      },
    );
  };

  const openCardId = suggestions.data?.openCardId ?? null;

  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      size="lg"
      fullScreen={phone}
      title={t('referrals.form.title', { service })}
    >
      {suggestions.isPending ? <Loading /> : null}
      <ProblemAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      {openCardId ? (
        <Alert color="blue" variant="light" role="status" data-testid="referral-form-open-card">
          <Text size="sm">{t('referrals.form.alreadyOpen')}</Text>
          <Anchor component={Link} to={`/referrals/${openCardId}`} size="sm">
            {t('referrals.form.openCard')}
          </Anchor>
        </Alert>
      ) : null}
      {suggestions.data && !openCardId ? (
        <form noValidate onSubmit={submit(true)} data-testid="referral-form">
          <Stack gap="md">
            <Text size="sm" c="gray.8">
              {t('referrals.form.intro')}
            </Text>
            <ProblemAlert error={alertError(create.error, (p) => FORM_FIELDS.includes(p))} />
            {keptDraft ? (
              <Alert color="orange" variant="light" role="alert" data-testid="referral-form-draft-kept">
                <Text size="sm">{t('referrals.form.draftKept')}</Text>
                <Anchor component={Link} to={`/referrals/${keptDraft}`} size="sm">
                  {t('referrals.form.openCard')}
                </Anchor>
              </Alert>
            ) : null}

            <Paper withBorder radius="sm" p="sm" bg="gray.0">
              <Text size="xs" c="gray.7">
                {t('referrals.form.service')}
              </Text>
              <Text fw={700} size="sm" data-testid="referral-form-service">
                {service}
              </Text>
              <Text size="xs" c="gray.7">
                {labels.label('sector', item.sectorCode)}
              </Text>
            </Paper>

            <Stack gap="xs">
              <Select
                label={t('referrals.form.suggested')}
                description={t('referrals.form.suggestedHelp')}
                placeholder={
                  groups.length ? t('referrals.form.chooseInstitution') : t('referrals.form.noSuggestion')
                }
                data={groups}
                value={suggestedId}
                onChange={(value) => {
                  setSuggestedId(value);
                  if (value) {
                    setOtherId(null);
                    setOtherChosen(null);
                    setSearch('');
                  }
                  chooseInstitution();
                }}
                searchable
                clearable
                disabled={groups.length === 0}
                nothingFoundMessage={t('common.noResults')}
                error={otherId ? undefined : errors.receivingInstitutionId || undefined}
                data-testid="referral-suggested"
              />
              <Select
                label={t('referrals.form.other')}
                description={t('referrals.form.otherHelp')}
                placeholder={t('referrals.form.otherPlaceholder')}
                data={otherOptions}
                value={otherId}
                searchable
                clearable
                searchValue={search}
                onSearchChange={setSearch}
                // The server searched both names: its answer is not filtered again here.
                filter={({ options }) => options}
                onChange={(value) => {
                  setOtherId(value);
                  setOtherChosen(
                    value ? (others.data?.items.find((i) => i.id === value) ?? otherChosen) : null,
                  );
                  if (value) setSuggestedId(null);
                  chooseInstitution();
                }}
                nothingFoundMessage={
                  debounced.length >= 2 && !others.isFetching ? t('common.noResults') : undefined
                }
                error={otherId ? errors.receivingInstitutionId || undefined : undefined}
                data-testid="referral-other"
              />
              {chosen && chosen.focalPoints !== null ? (
                <Text
                  size="xs"
                  c={chosen.focalPoints === 0 ? 'orange.9' : 'gray.7'}
                  data-testid="referral-focal-points"
                >
                  <IconUsers size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
                  {chosen.focalPoints === 0
                    ? t('referrals.form.noFocalPoint')
                    : t('referrals.form.focalPoints', {
                        n: formatNumber(chosen.focalPoints, labels.language),
                      })}
                </Text>
              ) : null}
            </Stack>

            {mismatch ? (
              <Alert
                color="orange"
                variant="light"
                icon={<IconAlertTriangle aria-hidden="true" />}
                title={t('referrals.form.mismatchTitle')}
                data-testid="referral-mismatch"
              >
                <Stack gap="xs">
                  <Text size="sm">{t('referrals.form.mismatchText', { service })}</Text>
                  <Checkbox
                    label={t('referrals.form.mismatchConfirm')}
                    checked={confirmMismatch}
                    onChange={(e) => setConfirmMismatch(e.currentTarget.checked)}
                    error={errors.confirmServiceMismatch || undefined}
                    data-testid="referral-mismatch-confirm"
                  />
                </Stack>
              </Alert>
            ) : null}

            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="referral-urgency-label">
                  {t('referrals.form.urgency')}
                </Text>
                <SegmentedControl
                  value={urgency}
                  onChange={(v) => setUrgency(v as Urgency)}
                  data={REFERRAL_URGENCIES.map((u) => ({ value: u, label: t(`reports.urgency.${u}`) }))}
                  aria-labelledby="referral-urgency-label"
                  fullWidth
                  data-testid="referral-urgency"
                />
                {errors.urgency ? (
                  <Text size="xs" c="red.8">
                    {errors.urgency}
                  </Text>
                ) : null}
              </Stack>
              <TextInput
                type="date"
                label={t('referrals.form.dueOn')}
                description={t('referrals.form.dueHelp')}
                required
                value={dueOn}
                onChange={(e) => setDueOn(e.currentTarget.value)}
                error={errors.dueOn || undefined}
                data-testid="referral-due"
              />
            </SimpleGrid>

            <Checkbox.Group
              label={t('referrals.form.sections')}
              description={t('referrals.form.sectionsHelp')}
              value={sections}
              onChange={(v) => setSections(v as Section[])}
              error={errors.sharedSections || undefined}
            >
              <Stack gap={6} mt="xs">
                {REFERRAL_OPTIONAL_SECTIONS.map((s) => (
                  <Checkbox
                    key={s}
                    value={s}
                    label={t(`referrals.form.section.${s}`)}
                    data-testid={`referral-section-${s}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>

            <Paper withBorder radius="sm" p="sm">
              <Checkbox
                label={
                  <Group gap={4} component="span" wrap="nowrap">
                    <IconLock size={14} aria-hidden="true" />
                    {t('referrals.form.identity')}
                  </Group>
                }
                description={t('referrals.form.identityHelp')}
                checked={shareIdentity}
                onChange={(e) => setShareIdentity(e.currentTarget.checked)}
                error={errors.shareIdentity || undefined}
                data-testid="referral-identity"
              />
              {shareIdentity ? (
                <Badge color="orange" variant="light" tt="none" mt="xs" size="sm">
                  {t('referrals.form.identityOn')}
                </Badge>
              ) : null}
            </Paper>

            <Textarea
              label={t('referrals.form.note')}
              description={t('referrals.form.noteHelp')}
              autosize
              minRows={2}
              maxLength={4000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.note || undefined}
              data-testid="referral-note"
            />

            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button
                variant="light"
                onClick={() => submit(false)()}
                loading={create.isPending && create.variables?.send === false}
                disabled={create.isPending}
                data-testid="referral-save-draft"
              >
                {t('referrals.form.saveDraft')}
              </Button>
              <Button
                type="submit"
                leftSection={<IconSend size={16} aria-hidden="true" />}
                loading={create.isPending && create.variables?.send === true}
                disabled={create.isPending}
                data-testid="referral-send"
              >
                {t('referrals.form.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </AppModal>
  );
}
