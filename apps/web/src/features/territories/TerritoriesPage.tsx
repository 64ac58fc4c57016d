import { Accordion, Anchor, Badge, Group, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { nameIn, useReference } from '../../app/queries';
import { currentLanguage } from '../../i18n';

/** Folds accents and case so "meknes" finds "Meknès". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064B-\u0652\u0640]/g, '')
    .toLowerCase();
}

export function TerritoriesPage() {
  const { t } = useTranslation();
  const reference = useReference();
  const [q, setQ] = useState('');
  const language = currentLanguage();

  const groups = useMemo(() => {
    const data = reference.data;
    if (!data) return [];
    const needle = fold(q.trim());
    return data.regions
      .map((region) => ({
        region,
        territories: data.territories.filter(
          (tr) =>
            tr.regionCode === region.code &&
            (!needle || fold(tr.nameAr).includes(needle) || fold(tr.nameFr).includes(needle)),
        ),
      }))
      .filter((g) => g.territories.length > 0);
  }, [reference.data, q]);

  const total = reference.data?.territories.length ?? 0;
  return (
    <>
      <PageHeader
        title={t('territories.title')}
        subtitle={t('territories.subtitle', {
          regions: formatNumber(reference.data?.regions.length ?? 0, language),
          territories: formatNumber(total, language),
        })}
      />
      <TextInput
        label={t('territories.search')}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
        mb="md"
        data-testid="territories-search"
      />
      <ProblemAlert error={reference.error} onRetry={() => void reference.refetch()} />
      {reference.isPending ? <Loading /> : null}
      {reference.data && groups.length === 0 ? <Text c="gray.7">{t('common.noResults')}</Text> : null}
      <Accordion
        multiple
        variant="separated"
        key={q ? 'search' : 'all'}
        defaultValue={q ? groups.map((g) => g.region.code) : []}
        data-testid="regions"
      >
        {groups.map(({ region, territories }) => (
          <Accordion.Item key={region.code} value={region.code}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" pe="sm">
                <Text fw={600}>{nameIn(region, language)}</Text>
                <Badge variant="light" color="gray">
                  {formatNumber(territories.length, language)}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Table.ScrollContainer minWidth={420}>
                <Table verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('territories.name')}</Table.Th>
                      <Table.Th scope="col">{t('territories.kind')}</Table.Th>
                      <Table.Th scope="col">{t('territories.dtipe')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {territories.map((tr) => (
                      <Table.Tr key={tr.code}>
                        <Table.Td>
                          <Anchor component={Link} to={`/territories/${tr.code}`} size="sm" fw={500}>
                            {nameIn(tr, language)}
                          </Anchor>
                          <Text size="xs" c="gray.7" lang={language === 'ar' ? 'fr' : 'ar'}>
                            {language === 'ar' ? tr.nameFr : tr.nameAr}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`territoryKinds.${tr.kind}`, { defaultValue: tr.kind })}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {tr.pilot ? (
                              <Badge color="violet" variant="light">
                                {t('territories.pilot')}
                              </Badge>
                            ) : null}
                            <Badge color={tr.dtipeEstablished ? 'teal' : 'gray'} variant="light">
                              {tr.dtipeEstablished
                                ? t('territories.established')
                                : t('territories.notEstablished')}
                            </Badge>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </>
  );
}
