import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading row of a group of a table's rows (a sector, a stage of the circuit), across all columns. */
export function TableGroupRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <Table.Tr bg="gray.0">
      <Table.Th scope="colgroup" colSpan={columns}>
        <Text size="sm" fw={700}>
          {children}
        </Text>
      </Table.Th>
    </Table.Tr>
  );
}
