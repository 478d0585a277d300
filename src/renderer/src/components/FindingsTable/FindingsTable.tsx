import { Badge, Button, Checkbox, Group, Menu, SegmentedControl, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSearch, IconTrash } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { CodebookTag } from '../../../../shared/codebook/codebook-tag';
import type { FindingRow } from '../../../../shared/export/finding-rows';
import { SECTION_LABELS } from '../../../../shared/model/section-labels';
import { NO_COUNTRY, tagCountryTable } from '../../../../shared/export/xlsx';
import { filterFindings, findingFacets, sortFindings, type FindingFilter, type FindingSortKey } from '../../../../shared/findings/filter-findings';
import { NO_YEAR, tagYearTable, type TagMatrix } from '../../../../shared/findings/tag-matrix';
import type { SectionKind } from '../../../../shared/ingest/report-types';
import { TagMatrixTable } from './TagMatrixTable';
import { TagYearChart } from './TagYearChart';

const EMPTY_TABLE: TagMatrix<never> = { columns: [], rows: [], all: { counts: [], total: 0 } };

/** Props of {@link FindingsTable}. */
export interface FindingsTableProps {
  rows: FindingRow[];
  tags: CodebookTag[];
  /** Opens the passage in the reader. */
  onOpen: (row: FindingRow) => void;
  /** Adds a code to the selected findings (undoable). */
  onAddTag: (ids: string[], tagId: string) => Promise<void>;
  /** Deletes the selected findings (undoable). */
  onDelete: (ids: string[]) => Promise<void>;
  /** The filter, when the parent keeps it (so "export the current filter" can read it); kept inside otherwise. */
  filter?: FindingFilter;
  onFilterChange?: (filter: FindingFilter) => void;
}

const ROW_HEIGHT = 64;
type Layout = 'list' | 'countries' | 'years';
const COLUMNS: { key: FindingSortKey | 'quote'; label: string; width: string }[] = [
  { key: 'quote', label: 'Passage', width: '34%' },
  { key: 'tags', label: 'Codes', width: '18%' },
  { key: 'country', label: 'Country', width: '11%' },
  { key: 'section', label: 'Section', width: '10%' },
  { key: 'year', label: 'Year', width: '6%' },
  { key: 'document', label: 'Document', width: '13%' },
  { key: 'page', label: 'Page', width: '6%' },
];

/** Every finding of every document: filter, sort, select many, open one. Virtualised for tens of thousands of rows. */
export function FindingsTable({ rows, tags, onOpen, onAddTag, onDelete, filter: outerFilter, onFilterChange }: FindingsTableProps) {
  const [innerFilter, setInnerFilter] = useState<FindingFilter>({});
  const filter = outerFilter ?? innerFilter;
  const setFilter = (update: (f: FindingFilter) => FindingFilter): void => {
    const next = update(filter);
    setInnerFilter(next);
    onFilterChange?.(next);
  };
  const [sort, setSort] = useState<{ key: FindingSortKey; desc: boolean }>({ key: 'document', desc: false });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [layout, setLayout] = useState<Layout>('list');
  const facets = useMemo(() => findingFacets(rows), [rows]);
  const shown = useMemo(() => sortFindings(filterFindings(rows, tags, filter), sort.key, sort.desc), [rows, tags, filter, sort]);
  const countryTable = useMemo((): TagMatrix<string> => {
    if (layout !== 'countries') return EMPTY_TABLE;
    const t = tagCountryTable(shown, tags);
    return { columns: t.countries, rows: t.rows, all: t.all };
  }, [layout, shown, tags]);
  const yearTable = useMemo((): TagMatrix<number | typeof NO_YEAR> => (layout === 'years' ? tagYearTable(shown, tags) : EMPTY_TABLE), [layout, shown, tags]);
  const tagOptions = tags.map((t) => ({ value: t.id, label: t.name }));
  const selectedIds = shown.filter((r) => selected.has(r.id)).map((r) => r.id);

  const set = (patch: Partial<FindingFilter>): void => setFilter((f) => ({ ...f, ...patch }));
  const toggle = useCallback(
    (id: string): void =>
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );

  return (
    <Stack h="100%" gap={0}>
      <Group gap="xs" p="sm" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} role="search" aria-label="Filter findings">
        <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder="Words in passage or note" aria-label="Words" value={filter.text ?? ''} onChange={(e) => set({ text: e.currentTarget.value })} w={220} />
        <Select size="xs" placeholder="Code" aria-label="Code" clearable searchable data={tagOptions} value={filter.tagId ?? null} onChange={(v) => set({ tagId: v ?? undefined })} w={180} />
        <Select size="xs" placeholder="Country" aria-label="Country" clearable searchable data={facets.countries} value={filter.country ?? null} onChange={(v) => set({ country: v ?? undefined })} w={150} />
        <Select size="xs" placeholder="Year" aria-label="Year" clearable data={facets.years.map(String)} value={filter.year ? String(filter.year) : null} onChange={(v) => set({ year: v ? Number(v) : undefined })} w={90} />
        <Select
          size="xs"
          placeholder="Section"
          aria-label="Section"
          clearable
          data={facets.sections.map((s) => ({ value: s, label: SECTION_LABELS[s] }))}
          value={filter.section ?? null}
          onChange={(v) => set({ section: (v as SectionKind | null) ?? undefined })}
          w={150}
        />
        <Select size="xs" placeholder="Document" aria-label="Document" clearable data={facets.documents.map((d) => ({ value: d.id, label: d.title }))} value={filter.documentId ?? null} onChange={(v) => set({ documentId: v ?? undefined })} w={180} />
        <Checkbox size="xs" label="Orphaned only" checked={!!filter.orphanedOnly} onChange={(e) => set({ orphanedOnly: e.currentTarget.checked })} />
        <SegmentedControl
          size="xs"
          value={layout}
          onChange={(v) => setLayout(v as Layout)}
          data={[
            { label: 'List', value: 'list' },
            { label: 'Code × country', value: 'countries' },
            { label: 'Code × year', value: 'years' },
          ]}
          aria-label="Findings layout"
        />
        <Text size="xs" c="dimmed" aria-live="polite">
          {shown.length} of {rows.length} findings
        </Text>
        {selectedIds.length > 0 && (
          <Group gap={6}>
            <Menu>
              <Menu.Target>
                <Button size="compact-xs" variant="light">
                  Add code to {selectedIds.length}…
                </Button>
              </Menu.Target>
              <Menu.Dropdown mah={300} style={{ overflowY: 'auto' }}>
                {tags.map((t) => (
                  <Menu.Item key={t.id} onClick={() => void onAddTag(selectedIds, t.id)}>
                    {t.name}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button size="compact-xs" color="red" variant="light" leftSection={<IconTrash size={12} />} onClick={() => void onDelete(selectedIds).then(() => setSelected(new Set()))}>
              Delete {selectedIds.length}
            </Button>
          </Group>
        )}
      </Group>
      {layout === 'countries' ? (
        <TagMatrixTable
          table={countryTable}
          label="Code by country"
          columnLabel={(c) => c}
          onPick={(tagId, country) => {
            setFilter((f) => ({ ...f, tagId, country: country === NO_COUNTRY ? undefined : country }));
            setLayout('list');
          }}
        />
      ) : layout === 'years' ? (
        <TagMatrixTable
          table={yearTable}
          label="Code by year"
          columnLabel={String}
          onPick={(tagId, year) => {
            setFilter((f) => ({ ...f, tagId, year: year === NO_YEAR ? undefined : year }));
            setLayout('list');
          }}
        >
          <TagYearChart rows={shown} tags={tags} table={yearTable} />
        </TagMatrixTable>
      ) : (
      <>
      <Table layout="fixed" stickyHeader withRowBorders={false} style={{ flex: 'none' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                size="xs"
                aria-label="Select all shown"
                checked={shown.length > 0 && selectedIds.length === shown.length}
                indeterminate={selectedIds.length > 0 && selectedIds.length < shown.length}
                onChange={(e) => setSelected(e.currentTarget.checked ? new Set(shown.map((r) => r.id)) : new Set())}
              />
            </Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c.key} w={c.width}>
                {c.key === 'quote' ? (
                  c.label
                ) : (
                  <UnstyledButton onClick={() => setSort((s) => ({ key: c.key as FindingSortKey, desc: s.key === c.key ? !s.desc : false }))} aria-label={`Sort by ${c.label}`}>
                    <Group gap={2} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {c.label}
                      </Text>
                      {sort.key === c.key && (sort.desc ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />)}
                    </Group>
                  </UnstyledButton>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
      </Table>
      <FindingRows
        shown={shown}
        selected={selected}
        onToggle={toggle}
        onOpen={onOpen}
        empty={rows.length === 0 ? 'No findings yet. Select a passage in a report and choose a code to record one.' : 'No finding matches these filters.'}
      />
      </>
      )}
    </Stack>
  );
}

/** Props of {@link FindingRows}. */
interface FindingRowsProps {
  shown: readonly FindingRow[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onOpen: (row: FindingRow) => void;
  /** What to say when no row is shown. */
  empty: string;
}

/**
 * The scrolling, virtualised rows. Their own component, so that a scrolled frame re-renders the
 * rows (and only the ones coming into view: each row is memoised), not the filters and header.
 */
const FindingRows = memo(function FindingRows({ shown, selected, onToggle, onOpen, empty }: FindingRowsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <div ref={scrollRef} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="findings-table">
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          {empty}
        </Text>
      ) : (
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }} role="table" aria-label="Findings table" aria-rowcount={shown.length}>
          {virtual.getVirtualItems().map((v) => {
            const r = shown[v.index]!;
            return <FindingTableRow key={r.id} row={r} index={v.index} top={v.start} checked={selected.has(r.id)} onToggle={onToggle} onOpen={onOpen} />;
          })}
        </div>
      )}
    </div>
  );
});

/** Props of {@link FindingTableRow}. */
interface FindingTableRowProps {
  row: FindingRow;
  index: number;
  /** Offset from the top of the list, in pixels. */
  top: number;
  checked: boolean;
  onToggle: (id: string) => void;
  onOpen: (row: FindingRow) => void;
}

/** One finding as a table row. */
const FindingTableRow = memo(function FindingTableRow({ row: r, index, top, checked, onToggle, onOpen }: FindingTableRowProps) {
  return (
    <Group
      role="row"
      aria-rowindex={index + 1}
      wrap="nowrap"
      gap={0}
      px="xs"
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)`, borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <div style={{ width: 36 }} role="cell">
        <Checkbox size="xs" aria-label="Select finding" checked={checked} onChange={() => onToggle(r.id)} />
      </div>
      <UnstyledButton role="cell" style={{ width: '34%', paddingRight: 8 }} onClick={() => onOpen(r)} title="Open the passage">
        <Text size="sm" lineClamp={2}>
          {r.anchor === 'orphaned' && (
            <Badge size="xs" color="red" variant="outline" mr={4}>
              orphaned
            </Badge>
          )}
          “{r.quote}”
        </Text>
        {r.note && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {r.note}
          </Text>
        )}
      </UnstyledButton>
      <Text role="cell" size="xs" w="18%" lineClamp={3} pr={6}>
        {r.tags || '—'}
      </Text>
      <Text role="cell" size="sm" w="11%" truncate>
        {r.country || '—'}
      </Text>
      <Text role="cell" size="sm" w="10%" truncate>
        {r.section ? SECTION_LABELS[r.section] : '—'}
      </Text>
      <Text role="cell" size="sm" w="6%">
        {r.year ?? '—'}
      </Text>
      <Text role="cell" size="sm" w="13%" truncate>
        {r.documentTitle}
      </Text>
      <Group role="cell" w="6%" gap={4} wrap="nowrap">
        <Text size="sm">{r.page ?? '—'}</Text>
      </Group>
    </Group>
  );
});
