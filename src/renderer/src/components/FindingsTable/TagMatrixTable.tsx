import { ScrollArea, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TagMatrix } from '../../../../shared/findings/tag-matrix';

/** Props of {@link TagMatrixTable}. */
export interface TagMatrixTableProps<C> {
  table: TagMatrix<C>;
  /** Accessible name of the table ("Code by country"). */
  label: string;
  /** A column as its header shows it. */
  columnLabel: (column: C) => string;
  /** Opens the findings of one cell. */
  onPick: (tagId: string, column: C) => void;
  /** Shown above the table (a chart). */
  children?: ReactNode;
}

/** Counts of findings per code (with its sub-codes) and column; a cell opens its findings. */
export function TagMatrixTable<C>({ table, label, columnLabel, onPick, children }: TagMatrixTableProps<C>) {
  if (table.all.total === 0) {
    return (
      <Text c="dimmed" size="sm" p="md">
        No findings to count.
      </Text>
    );
  }
  return (
    <ScrollArea style={{ flex: 1 }}>
      {children}
      <Table withTableBorder withColumnBorders striped aria-label={label} style={{ width: 'max-content' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            {table.columns.map((c) => (
              <Table.Th key={columnLabel(c)}>{columnLabel(c)}</Table.Th>
            ))}
            <Table.Th>Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows
            .filter((r) => r.total > 0)
            .map((r) => (
              <Table.Tr key={r.tagId}>
                <Table.Td style={{ paddingLeft: 8 + r.depth * 14 }}>{r.path.split(' › ').pop()}</Table.Td>
                {r.counts.map((n, i) => (
                  <Table.Td key={i} ta="center">
                    {n > 0 ? (
                      <UnstyledButton onClick={() => onPick(r.tagId, table.columns[i]!)} aria-label={`${n} findings: ${r.path}, ${columnLabel(table.columns[i]!)}`}>
                        <Text size="sm" fw={600} c="blue">
                          {n}
                        </Text>
                      </UnstyledButton>
                    ) : (
                      ''
                    )}
                  </Table.Td>
                ))}
                <Table.Td ta="center">{r.total}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
