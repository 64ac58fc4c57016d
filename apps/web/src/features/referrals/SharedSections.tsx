import { defaultAssessmentInstrument, type ReferralCard } from '@madar/domain';
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format';
import { isolate, labelIn, useRefLabels } from '../cases/case/labels';
import { ageBandLabel, sexLabel } from '../children/labels';
import classes from './referrals.module.css';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={testId}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const dash = (value: string | null | undefined) => (value ? value : '—');

/**
 * What the card shares of the child's file, exactly as the API gives it to this side: the profile
 * always; the identity only to the receiving side and only when shared (each view logged); the
 * situation, the latest assessment and the need only when the sender ticked them.
 */
export function SharedSections({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const language = labels.language;
  const { shared } = card;
  const identity = shared.identity;
  const optional = card.sharedSections.filter((s) => s !== 'profile' && s !== 'identity');
  // Labels of the assessment's domains and orientations (codes stable across versions); the
  // instrument is validated on first use, so only when an assessment is shown.
  const instrument = shared.assessment ? defaultAssessmentInstrument() : null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-shared-title">
      <Title order={2} size="h4" id="referral-shared-title" mb={4}>
        {t('referrals.shared.title')}
      </Title>
      <Text size="xs" c="gray.7" mb="sm">
        {t(card.side === 'receiver' ? 'referrals.shared.introReceiver' : 'referrals.shared.introSender')}
      </Text>
      <Group gap={6} mb="sm" data-testid="referral-shared-sections">
        {card.sharedSections.map((s) => (
          <Badge key={s} variant="light" color={s === 'identity' ? 'orange' : 'gray'} tt="none" size="sm">
            {t(`referrals.section.${s}`)}
          </Badge>
        ))}
      </Group>
      <Stack gap="sm">
        <Section title={t('referrals.section.profile')} testId="shared-profile">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            <Field label={t('referrals.shared.childCode')}>
              <span className="madar-mono">{shared.profile.childCode}</span>
            </Field>
            <Field label={t('referrals.shared.sex')}>{sexLabel(t, shared.profile.sex)}</Field>
            <Field label={t('referrals.shared.ageBand')}>{ageBandLabel(t, shared.profile.ageBand)}</Field>
          </SimpleGrid>
        </Section>

        {identity ? (
          <Section title={t('referrals.section.identity')} testId="shared-identity">
            <Alert color="orange" variant="light" icon={<IconLock aria-hidden="true" />} mb="sm" p="xs">
              <Text size="xs">{t('referrals.shared.identityLogged')}</Text>
            </Alert>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Field label={t('children.identity.firstNameAr')}>
                <span dir="rtl">{dash(identity.firstNameAr)}</span>
              </Field>
              <Field label={t('children.identity.lastNameAr')}>
                <span dir="rtl">{dash(identity.lastNameAr)}</span>
              </Field>
              <Field label={t('children.identity.firstNameLatin')}>
                <span dir="ltr">{dash(identity.firstNameLatin)}</span>
              </Field>
              <Field label={t('children.identity.lastNameLatin')}>
                <span dir="ltr">{dash(identity.lastNameLatin)}</span>
              </Field>
              <Field label={t('children.identity.birthDate')}>
                {identity.birthDate ? formatDate(`${identity.birthDate}T12:00:00Z`, language) : '—'}
                {identity.birthDate && identity.birthDateEstimated
                  ? ` (${t('children.identity.birthDateEstimated')})`
                  : ''}
              </Field>
              <Field label={t('children.identity.birthRecordNumber')}>
                <span dir="ltr">{dash(identity.birthRecordNumber)}</span>
              </Field>
              <Field label={t('children.identity.fatherName')}>
                <span dir="auto">{dash(identity.fatherName)}</span>
              </Field>
              <Field label={t('children.identity.motherName')}>
                <span dir="auto">{dash(identity.motherName)}</span>
              </Field>
              <Field label={t('children.identity.nationalId')}>
                <span dir="ltr">{dash(identity.nationalId)}</span>
              </Field>
              <Field label={t('children.identity.phones')}>
                <span dir="ltr">{identity.phones.length ? identity.phones.join(', ') : '—'}</span>
              </Field>
              <Field label={t('children.identity.address')}>
                <span dir="auto">{dash(identity.address)}</span>
              </Field>
            </SimpleGrid>
          </Section>
        ) : card.shareIdentity ? (
          <Text size="xs" c="gray.7" data-testid="shared-identity-sender">
            <IconLock size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
            {t('referrals.shared.identitySharedSender')}
          </Text>
        ) : (
          <Text size="xs" c="gray.7" data-testid="shared-identity-none">
            <IconLock size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
            {t('referrals.shared.identityNotShared')}
          </Text>
        )}

        {shared.situation ? (
          <Section title={t('referrals.section.situation')} testId="shared-situation">
            <Stack gap="xs">
              <Field label={t('referrals.shared.harmForms')}>
                {shared.situation.harmForms.map((h) => labels.label('harmForm', h)).join('، ') || '—'}
              </Field>
              <Field label={t('referrals.shared.situations')}>
                {shared.situation.situations.map((s) => labels.label('situation', s)).join('، ') || '—'}
              </Field>
              <Field label={t('referrals.shared.dangerLevel')}>
                {labels.label('dangerLevel', shared.situation.dangerLevel) || '—'}
              </Field>
            </Stack>
          </Section>
        ) : null}

        {shared.assessment ? (
          <Section title={t('referrals.section.assessment')} testId="shared-assessment">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" mb="xs">
              <Field label={t('referrals.shared.assessedAt')}>
                {formatDate(shared.assessment.assessedAt, language)}
              </Field>
              <Field label={t('referrals.shared.dangerLevel')}>
                {labels.label('dangerLevel', shared.assessment.dangerLevel)}
              </Field>
              <Field label={t('referrals.shared.orientation')}>
                {labelIn(
                  instrument?.orientations.find((o) => o.code === shared.assessment?.confirmedOrientation),
                  language,
                ) || shared.assessment.confirmedOrientation}
              </Field>
            </SimpleGrid>
            {shared.assessment.domains.length ? (
              <Table.ScrollContainer minWidth={280}>
                <Table verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('referrals.shared.domain')}</Table.Th>
                      <Table.Th scope="col">{t('referrals.shared.score')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shared.assessment.domains.map((d) => (
                      <Table.Tr key={d.code}>
                        <Table.Td>
                          {labelIn(
                            instrument?.domains.find((x) => x.code === d.code),
                            language,
                          ) || d.code}
                          {d.protective ? ` (${t('referrals.shared.protective')})` : ''}
                        </Table.Td>
                        <Table.Td>
                          {isolate(
                            `${formatNumber(d.score, language)}/${formatNumber(d.maxScore, language)}`,
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
            <Text size="xs" c="gray.7" mt={4}>
              {t('referrals.shared.instrument', { version: isolate(shared.assessment.instrumentVersion) })}
            </Text>
          </Section>
        ) : optional.includes('assessment') ? (
          <Text size="xs" c="gray.7">
            {t('referrals.shared.noAssessment')}
          </Text>
        ) : null}

        {shared.need ? (
          <Section title={t('referrals.section.plan_item_need')} testId="shared-need">
            <Text size="sm" className={classes.quote} dir="auto">
              {shared.need}
            </Text>
          </Section>
        ) : null}
      </Stack>
    </Paper>
  );
}
