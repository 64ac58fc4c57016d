import type { Language, PublicInstitution } from '@madar/domain';
import { Anchor, Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconClock, IconMail, IconMapPin, IconPhone, IconPrinter, IconWorld } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryLabels } from './labels';

function Line({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap={8} wrap="nowrap" align="flex-start">
      <span aria-hidden="true" style={{ display: 'inline-flex', paddingBlockStart: 2, flexShrink: 0 }}>
        {icon}
      </span>
      <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        <VisuallyHidden>{label}: </VisuallyHidden>
        {children}
      </Text>
    </Group>
  );
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * Free-text fields (address, hours) are often kept in both languages as "français | عربية": show the
 * part in the reader's script when there is one, the whole text otherwise.
 */
function inLanguage(value: string, language: Language): string {
  const parts = value.split(' | ').map((p) => p.trim());
  if (parts.length < 2) return value;
  const wanted = parts.find((p) => (language === 'ar' ? ARABIC.test(p) : !ARABIC.test(p)));
  return wanted ?? value;
}

function websiteHref(website: string): string {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

/**
 * One service of the directory, as a citizen reads it on a phone: what, where, when, how to reach it.
 * The professional directory adds the contact points below (`children`).
 */
export function DirectoryCard({
  institution,
  labels,
  language,
  children,
}: {
  institution: PublicInstitution;
  labels: DirectoryLabels;
  language: Language;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const name = language === 'ar' ? institution.nameAr : institution.nameFr;
  const otherName = language === 'ar' ? institution.nameFr : institution.nameAr;
  const commune = institution.commune
    ? language === 'ar'
      ? institution.commune.nameAr
      : institution.commune.nameFr
    : null;
  const address = institution.address ? inLanguage(institution.address, language) : null;
  const place = [
    address,
    commune && address?.includes(commune) ? null : commune,
    labels.territory(institution.territoryCode),
  ]
    .filter(Boolean)
    .join(' · ');
  const headingId = `directory-card-${institution.id}`;
  return (
    <Paper
      component="article"
      withBorder
      radius="md"
      p="md"
      data-testid="directory-card"
      aria-labelledby={headingId}
    >
      <Stack gap="xs">
        <div>
          <Title order={3} size="h4" id={headingId}>
            {name}
          </Title>
          {otherName && otherName !== name ? (
            <Text size="sm" c="gray.7" lang={language === 'ar' ? 'fr' : 'ar'}>
              {otherName}
            </Text>
          ) : null}
        </div>
        <Group gap={6}>
          <Badge
            variant="light"
            color="madar"
            style={{ textTransform: 'none', height: 'auto', maxWidth: '100%' }}
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
          >
            {t(`institutionTypes.${institution.type}`)}
          </Badge>
          <Badge
            variant="outline"
            color="gray"
            style={{ textTransform: 'none', height: 'auto', maxWidth: '100%' }}
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
          >
            {labels.sector(institution.sectorCode)}
          </Badge>
        </Group>
        {institution.services.length > 0 ? (
          <div>
            <Text size="sm" fw={600}>
              {t('directory.card.services')}
            </Text>
            <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {institution.services.map((code) => (
                <li key={code}>
                  <Text size="sm" component="span">
                    {labels.service(code)}
                  </Text>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {place ? (
          <Line icon={<IconMapPin size={16} />} label={t('directory.card.address')}>
            {place}
            {institution.coordinates ? (
              <>
                {' · '}
                <Anchor
                  underline="always"
                  href={`https://www.openstreetmap.org/?mlat=${institution.coordinates.lat}&mlon=${institution.coordinates.lng}#map=17/${institution.coordinates.lat}/${institution.coordinates.lng}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="sm"
                >
                  {t('directory.card.map')}
                </Anchor>
              </>
            ) : null}
          </Line>
        ) : null}
        {institution.openingHours ? (
          <Line icon={<IconClock size={16} />} label={t('directory.card.hours')}>
            <span dir="auto">{inLanguage(institution.openingHours, language)}</span>
          </Line>
        ) : null}
        {institution.phone ? (
          <Line icon={<IconPhone size={16} />} label={t('directory.card.phone')}>
            <Anchor
              underline="always"
              href={`tel:${institution.phone.replace(/[^\d+]/g, '')}`}
              dir="ltr"
              size="sm"
            >
              {institution.phone}
            </Anchor>
          </Line>
        ) : null}
        {institution.fax ? (
          <Line icon={<IconPrinter size={16} />} label={t('directory.card.fax')}>
            <span dir="ltr">{institution.fax}</span>
          </Line>
        ) : null}
        {institution.email ? (
          <Line icon={<IconMail size={16} />} label={t('directory.card.email')}>
            <Anchor underline="always" href={`mailto:${institution.email}`} dir="ltr" size="sm">
              {institution.email}
            </Anchor>
          </Line>
        ) : null}
        {institution.website ? (
          <Line icon={<IconWorld size={16} />} label={t('directory.card.website')}>
            <Anchor
              underline="always"
              href={websiteHref(institution.website)}
              target="_blank"
              rel="noopener noreferrer"
              dir="ltr"
              size="sm"
            >
              {institution.website}
            </Anchor>
          </Line>
        ) : null}
        {children}
      </Stack>
    </Paper>
  );
}
