import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function EmptyRow({ colSpan }: { colSpan: number }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text ta="center" c="gray.7" py="md" size="sm">
          {t('common.noResults')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
