import type { Language } from '@madar/domain';
import {
  Alert,
  Anchor,
  Box,
  Container,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPhoneCall, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DemoBanner } from '../../app/components/DemoBanner';
import { LanguageSwitcher } from '../../app/components/LanguageSwitcher';
import { Loading } from '../../app/components/Loading';
import { Logo } from '../../app/components/Logo';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useDocumentTitle } from '../../app/title';
import { usePublicDirectory, usePublicReference } from './api';
import { DirectoryCard } from './DirectoryCard';
import { labelOf, useDirectoryLabels } from './labels';

const PAGE_SIZE = 20;

/**
 * The public directory of services: no login, no contact points. A child, a family or a citizen finds
 * the services of a territory by sector and service, in Arabic, French or English, on a phone.
 */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const language = (i18n.language as Language) || 'ar';
  useDocumentTitle(t('directory.title'));
  const reference = usePublicReference();
  const labels = useDirectoryLabels(reference.data, language);

  const [territoryCode, setTerritoryCode] = useState('');
  const [sectorCode, setSectorCode] = useState('');
  const [serviceCode, setServiceCode] = useState('');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 350);
  const [offset, setOffset] = useState(0);

  const directory = usePublicDirectory({
    territoryCode,
    sectorCode,
    serviceCode,
    q,
    lang: language === 'ar' ? 'ar' : 'fr',
    limit: PAGE_SIZE,
    offset,
  });

  const territoryOptions = useMemo(() => {
    const data = reference.data;
    if (!data) return [];
    return data.regions
      .map((region) => ({
        group: labelOf(region, language),
        items: data.territories
          .filter((tr) => tr.regionCode === region.code && tr.institutions > 0)
          .map((tr) => ({ value: tr.code, label: labelOf(tr, language) })),
      }))
      .filter((g) => g.items.length > 0);
  }, [reference.data, language]);

  const sectorOptions = useMemo(
    () => (reference.data?.sectors ?? []).map((s) => ({ value: s.code, label: labelOf(s, language) })),
    [reference.data, language],
  );

  const serviceOptions = useMemo(
    () =>
      (reference.data?.services ?? [])
        .filter((s) => !sectorCode || s.sectorCode === sectorCode)
        .map((s) => ({ value: s.code, label: labelOf(s, language) })),
    [reference.data, language, sectorCode],
  );

  const all = (label: string) => ({ value: '', label });

  return (
    <Box
      mih="100vh"
      bg="gray.0"
      style={{ display: 'flex', flexDirection: 'column' }}
      data-testid="directory-page"
    >
      <Anchor href="#main" className="madar-skip-link">
        {t('shell.skipToContent')}
      </Anchor>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <DemoBanner />
        <Group h={60} px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Logo to="/directory" />
          <LanguageSwitcher compact />
        </Group>
      </Box>
      <Box component="main" id="main" tabIndex={-1} py={{ base: 'md', sm: 'xl' }} style={{ flex: 1 }}>
        <Container size="lg" px="sm">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1} size="h2">
                {t('directory.title')}
              </Title>
              <Text size="sm" c="gray.7">
                {t('directory.intro')}
              </Text>
            </Stack>

            <Alert
              color="orange"
              variant="light"
              icon={<IconPhoneCall size={20} aria-hidden="true" />}
              title={t('directory.greenLine.title')}
              data-testid="directory-green-line"
            >
              <Text size="sm">
                {t('directory.greenLine.text')}{' '}
                <Anchor underline="always" href="tel:2511" fw={700} dir="ltr">
                  2511
                </Anchor>
              </Text>
            </Alert>

            <Box
              component="section"
              role="search"
              aria-label={t('directory.filters')}
              bg="white"
              p="sm"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
            >
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
                <NativeSelect
                  label={t('directory.territory')}
                  data={[all(t('directory.allTerritories')), ...territoryOptions]}
                  value={territoryCode}
                  onChange={(e) => {
                    setTerritoryCode(e.currentTarget.value);
                    setOffset(0);
                  }}
                  data-testid="directory-filter-territory"
                />
                <NativeSelect
                  label={t('directory.sector')}
                  data={[all(t('directory.allSectors')), ...sectorOptions]}
                  value={sectorCode}
                  onChange={(e) => {
                    const next = e.currentTarget.value;
                    setSectorCode(next);
                    const service = reference.data?.services.find((s) => s.code === serviceCode);
                    if (next && service && service.sectorCode !== next) setServiceCode('');
                    setOffset(0);
                  }}
                  data-testid="directory-filter-sector"
                />
                <NativeSelect
                  label={t('directory.service')}
                  data={[all(t('directory.allServices')), ...serviceOptions]}
                  value={serviceCode}
                  onChange={(e) => {
                    setServiceCode(e.currentTarget.value);
                    setOffset(0);
                  }}
                  data-testid="directory-filter-service"
                />
                <TextInput
                  type="search"
                  label={t('directory.search')}
                  placeholder={t('directory.searchPlaceholder')}
                  leftSection={<IconSearch size={16} aria-hidden="true" />}
                  value={text}
                  maxLength={100}
                  onChange={(e) => {
                    setText(e.currentTarget.value);
                    setOffset(0);
                  }}
                  data-testid="directory-filter-text"
                />
              </SimpleGrid>
            </Box>

            <ProblemAlert
              error={reference.error ?? directory.error}
              testId="directory-error"
              onRetry={() => {
                void reference.refetch();
                void directory.refetch();
              }}
            />

            <Box
              component="section"
              aria-labelledby="directory-results-heading"
              data-testid="directory-results"
            >
              <Title order={2} size="h4" id="directory-results-heading" mb="xs">
                {t('directory.results')}
              </Title>
              {directory.isPending ? (
                <Loading />
              ) : directory.data && directory.data.items.length === 0 ? (
                <Text c="gray.7" data-testid="directory-empty">
                  {t('directory.empty')}
                </Text>
              ) : directory.data ? (
                <SimpleGrid
                  cols={{ base: 1, sm: 2, lg: 3 }}
                  spacing="sm"
                  aria-busy={directory.isFetching}
                  style={{ opacity: directory.isPlaceholderData ? 0.6 : 1 }}
                >
                  {directory.data.items.map((institution) => (
                    <DirectoryCard
                      key={institution.id}
                      institution={institution}
                      labels={labels}
                      language={language}
                    />
                  ))}
                </SimpleGrid>
              ) : null}
              {directory.data ? (
                <Pager
                  total={directory.data.total}
                  limit={PAGE_SIZE}
                  offset={offset}
                  onChange={(next) => {
                    setOffset(next);
                    document.getElementById('directory-results-heading')?.scrollIntoView();
                  }}
                />
              ) : null}
            </Box>
          </Stack>
        </Container>
      </Box>
      <Box component="footer" py="sm" px="md" ta="center">
        <Text size="xs" c="gray.7">
          {t('directory.noContactPoints')}{' '}
          <Anchor underline="always" component={Link} to="/login" size="xs">
            {t('directory.professionalSignIn')}
          </Anchor>
        </Text>
      </Box>
    </Box>
  );
}
