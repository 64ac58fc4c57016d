import {
  Anchor,
  Box,
  Button,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconChevronDown, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { useSectorOptions, useTerritoryOptions } from '../../app/reference';
import { DirectoryCard } from '../directory/DirectoryCard';
import { useInstitution, useInstitutions } from './api';
import { ContactCard } from './ContactPoints';
import { useCardLabels, useServiceLabels } from './labels';
import { useActorMapPermissions } from './permissions';

const PAGE_SIZE = 12;

/** The contact points of one card, fetched when the reader opens them. */
function CardContacts({ institutionId, name }: { institutionId: string; name: string }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  const detail = useInstitution(opened ? institutionId : null);
  const panelId = `contacts-${institutionId}`;
  return (
    <Box>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconAddressBook size={16} aria-hidden="true" />}
        rightSection={
          <IconChevronDown
            size={14}
            aria-hidden="true"
            style={{ transform: opened ? 'rotate(180deg)' : undefined }}
          />
        }
        onClick={toggle}
        aria-expanded={opened}
        aria-controls={panelId}
        aria-label={`${t('institutions.contacts.title')}: ${name}`}
        data-testid="directory-contacts-toggle"
      >
        {t('institutions.contacts.title')}
      </Button>
      <Collapse expanded={opened} id={panelId}>
        <Stack gap="xs" mt="xs" data-testid="directory-contacts">
          {detail.isPending && opened ? <Loading /> : null}
          <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} />
          {detail.data && detail.data.contacts.length === 0 ? (
            <Text size="sm" c="gray.7">
              {t('institutions.contacts.none')}
            </Text>
          ) : null}
          {detail.data?.contacts.map((contact) => (
            <ContactCard key={contact.id} contact={contact} headingLevel={4} />
          ))}
        </Stack>
      </Collapse>
    </Box>
  );
}

/**
 * The professional directory of services: the public directory's cards, with each institution's
 * contact points (نقاط الاتصال) for the people who work with it. Active institutions only.
 */
export function ServiceDirectoryPage() {
  const { t } = useTranslation();
  const permissions = useActorMapPermissions();
  const territories = useTerritoryOptions();
  const sectors = useSectorOptions();
  const services = useServiceLabels();
  const labels = useCardLabels();
  const language = services.language;

  const [territoryCode, setTerritoryCode] = useState<string | null>(permissions.homeTerritory);
  const [sectorCode, setSectorCode] = useState<string | null>(null);
  const [serviceCode, setServiceCode] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 300);
  const [offset, setOffset] = useState(0);

  const list = useInstitutions({
    q: q.trim() || undefined,
    territoryCode: territoryCode ?? undefined,
    sectorCode: sectorCode ?? undefined,
    serviceCode: serviceCode ?? undefined,
    active: 'true',
    limit: PAGE_SIZE,
    offset,
  });
  const serviceOptions = services.options
    .map((g) => ({
      ...g,
      items: g.items.filter((s) => !sectorCode || services.sectorOf(s.value) === sectorCode),
    }))
    .filter((g) => g.items.length > 0);
  const set =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      setOffset(0);
    };

  return (
    <>
      <PageHeader title={t('institutions.directory.title')} subtitle={t('institutions.directory.subtitle')} />
      <FilterBar
        primary={
          <TextInput
            type="search"
            label={t('institutions.directory.search')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={text}
            maxLength={100}
            onChange={(e) => set(setText)(e.currentTarget.value)}
            data-testid="service-directory-search"
          />
        }
      >
        <Select
          label={t('institutions.territory')}
          data={territories}
          value={territoryCode}
          onChange={set(setTerritoryCode)}
          searchable
          clearable
          placeholder={t('institutions.allTerritories')}
          data-testid="service-directory-territory"
        />
        <Select
          label={t('institutions.sector')}
          data={sectors}
          value={sectorCode}
          onChange={(v) => {
            set(setSectorCode)(v);
            if (v && serviceCode && services.sectorOf(serviceCode) !== v) setServiceCode(null);
          }}
          searchable
          clearable
          placeholder={t('common.all')}
          data-testid="service-directory-sector"
        />
        <Select
          label={t('institutions.service')}
          data={serviceOptions}
          value={serviceCode}
          onChange={set(setServiceCode)}
          searchable
          clearable
          placeholder={t('common.all')}
          data-testid="service-directory-service"
        />
      </FilterBar>

      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      <Box component="section" aria-labelledby="service-directory-results">
        <Group justify="space-between" mb="xs" gap="xs">
          <Title order={2} size="h4" id="service-directory-results">
            {t('institutions.directory.results')}
          </Title>
          <Text size="sm" c="gray.7" aria-live="polite">
            {list.data ? t('common.resultCount', { total: formatNumber(list.data.total, language) }) : null}
          </Text>
        </Group>
        {list.isPending ? (
          <Loading />
        ) : list.data && list.data.items.length === 0 ? (
          <Text c="gray.7">{t('institutions.directory.empty')}</Text>
        ) : (
          <SimpleGrid
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="sm"
            aria-busy={list.isFetching}
            style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
            data-testid="service-directory-results"
          >
            {list.data?.items.map((inst) => (
              <DirectoryCard key={inst.id} institution={inst} labels={labels} language={language}>
                <Group justify="space-between" gap="xs" align="flex-start">
                  <CardContacts
                    institutionId={inst.id}
                    name={language === 'ar' ? inst.nameAr : inst.nameFr}
                  />
                  <Anchor
                    component={Link}
                    to={`/institutions/${inst.id}`}
                    size="sm"
                    aria-label={`${t('institutions.directory.open')}: ${language === 'ar' ? inst.nameAr : inst.nameFr}`}
                  >
                    {t('institutions.directory.open')}
                  </Anchor>
                </Group>
              </DirectoryCard>
            ))}
          </SimpleGrid>
        )}
        {list.data ? (
          <Pager
            total={list.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={(next) => {
              setOffset(next);
              document.getElementById('service-directory-results')?.scrollIntoView();
            }}
          />
        ) : null}
      </Box>
    </>
  );
}
