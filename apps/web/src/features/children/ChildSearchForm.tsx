import {
  Button,
  Collapse,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casablancaToday } from '../reports/datetime';
import type { ChildSearchInput, Sex } from './api';
import { CHILD_CODE_PATTERN } from './labels';

const PHONE_LIKE = /^\+?[\d\s.-]{8,}$/;

interface Criteria {
  query: string;
  birthYear: number | string;
  birthDate: string;
  parentName: string;
  phone: string;
  code: string;
  sex: string | null;
}

const EMPTY: Criteria = {
  query: '',
  birthYear: '',
  birthDate: '',
  parentName: '',
  phone: '',
  code: '',
  sex: null,
};

/** What the single box holds: a child's code, a phone number, or (most often) a name in either script. */
export function searchInputOf(c: Criteria): ChildSearchInput {
  const input: ChildSearchInput = {};
  const query = c.query.trim();
  if (query) {
    if (CHILD_CODE_PATTERN.test(query)) input.code = query.toUpperCase();
    else if (PHONE_LIKE.test(query)) input.phone = query.replace(/[\s.-]+/g, '');
    else input.name = query;
  }
  if (c.birthYear !== '' && Number.isInteger(Number(c.birthYear))) input.birthYear = Number(c.birthYear);
  if (c.birthDate) input.birthDate = c.birthDate;
  if (c.parentName.trim()) input.parentName = c.parentName.trim();
  if (c.phone.trim()) input.phone = c.phone.replace(/[\s.-]+/g, '');
  if (c.code.trim()) input.code = c.code.trim().toUpperCase();
  if (c.sex) input.sex = c.sex as Sex;
  return input;
}

/**
 * One box for a name in Arabic or Latin script (or a code, or a phone), and further criteria
 * folded away. Sent by POST: nothing typed here goes into a URL.
 */
export function ChildSearchForm({
  onSearch,
  pending,
  initialName = '',
}: {
  onSearch: (input: ChildSearchInput) => void;
  pending: boolean;
  initialName?: string;
}) {
  const { t } = useTranslation();
  const [criteria, setCriteria] = useState<Criteria>({ ...EMPTY, query: initialName });
  const [error, setError] = useState<string | null>(null);
  const [opened, { toggle }] = useDisclosure(false);
  const moreId = useId();
  const set = <K extends keyof Criteria>(key: K, value: Criteria[K]) => {
    setCriteria((c) => ({ ...c, [key]: value }));
    setError(null);
  };
  const thisYear = Number(casablancaToday().slice(0, 4));

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      component="form"
      role="search"
      aria-label={t('children.search.label')}
      noValidate
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        const input = searchInputOf(criteria);
        if (Object.keys(input).length === 0) {
          setError(t('children.search.emptyCriteria'));
          return;
        }
        onSearch(input);
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t('children.search.query')}
            description={t('children.search.queryHelp')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={criteria.query}
            onChange={(e) => set('query', e.currentTarget.value)}
            error={error}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: 1 }}
            data-testid="child-search-input"
          />
        </Group>
        <Group justify="space-between" gap="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden="true" />}
            onClick={toggle}
            aria-expanded={opened}
            aria-controls={moreId}
          >
            {opened ? t('children.search.fewerCriteria') : t('children.search.moreCriteria')}
          </Button>
          <Button
            type="submit"
            loading={pending}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            data-testid="child-search-submit"
          >
            {t('common.search')}
          </Button>
        </Group>
        <Collapse expanded={opened} id={moreId}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" pt="xs">
            <NumberInput
              label={t('children.search.birthYear')}
              min={1990}
              max={thisYear}
              allowDecimal={false}
              allowNegative={false}
              value={criteria.birthYear}
              onChange={(v) => set('birthYear', v)}
              data-testid="child-search-birth-year"
            />
            <TextInput
              type="date"
              label={t('children.search.birthDate')}
              dir="ltr"
              max={casablancaToday()}
              value={criteria.birthDate}
              onChange={(e) => set('birthDate', e.currentTarget.value)}
              data-testid="child-search-birth-date"
            />
            <Select
              label={t('children.search.sex')}
              data={[
                { value: 'female', label: t('children.sex.female') },
                { value: 'male', label: t('children.sex.male') },
                { value: 'unknown', label: t('children.sex.unknown') },
              ]}
              value={criteria.sex}
              onChange={(v) => set('sex', v)}
              clearable
              placeholder={t('common.all')}
              data-testid="child-search-sex"
            />
            <TextInput
              label={t('children.search.parentName')}
              value={criteria.parentName}
              onChange={(e) => set('parentName', e.currentTarget.value)}
              autoComplete="off"
              data-testid="child-search-parent"
            />
            <TextInput
              label={t('children.search.phone')}
              type="tel"
              dir="ltr"
              placeholder="06XXXXXXXX"
              value={criteria.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              autoComplete="off"
              data-testid="child-search-phone"
            />
            <TextInput
              label={t('children.search.code')}
              dir="ltr"
              placeholder="TNG-2026-00042"
              value={criteria.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              autoComplete="off"
              data-testid="child-search-code"
            />
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Paper>
  );
}
