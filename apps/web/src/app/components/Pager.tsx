import type { Language } from '@madar/domain';
import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

interface PagerProps {
  total: number;
  /** The server counted up to `total` and there are more. */
  totalIsLowerBound?: boolean | undefined;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}

export function Pager({ total, totalIsLowerBound, limit, offset, onChange }: PagerProps) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="gray.7" aria-live="polite" data-testid="result-count">
        {t(totalIsLowerBound ? 'common.resultCountAtLeast' : 'common.resultCount', {
          total: formatNumber(total, i18n.language as Language),
        })}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={page}
          onChange={(p) => onChange((p - 1) * limit)}
          size="sm"
          siblings={1}
          boundaries={1}
          getControlProps={(control) => ({
            'aria-label':
              control === 'previous' ? t('common.previous') : control === 'next' ? t('common.next') : control,
          })}
          getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
        />
      ) : null}
    </Group>
  );
}
