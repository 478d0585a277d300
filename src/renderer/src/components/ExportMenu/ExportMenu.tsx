import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { CodebookTag } from '../../../../shared/codebook/codebook-tag';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, type ExportFormat } from '../../../../shared/export/export-findings';
import type { FindingRow } from '../../../../shared/export/finding-rows';
import { filterFindings, isEmptyFilter, type FindingFilter } from '../../../../shared/findings/filter-findings';

/** Props of {@link ExportMenu}. */
export interface ExportMenuProps {
  /** The findings table's filter; "the current filter" is offered when it narrows something and `rows` are loaded. */
  filter: FindingFilter;
  /** The findings table's rows (empty when the table is not shown). */
  rows: readonly FindingRow[];
  tags: readonly CodebookTag[];
  /** Exports every finding (no filter) or those the filter shows. */
  onExport: (format: ExportFormat, filter?: FindingFilter) => void;
  /** Open state, when the host controls it (the Export findings command opens the menu). */
  opened?: boolean;
  onChange?: (opened: boolean) => void;
}

/** "Export findings": every format, for all findings or for the findings table's current filter. */
export function ExportMenu({ filter, rows, tags, onExport, opened, onChange }: ExportMenuProps) {
  const filtered = useMemo(() => (rows.length > 0 && !isEmptyFilter(filter) ? filterFindings(rows, tags, filter).length : undefined), [rows, tags, filter]);
  return (
    <Menu position="bottom-end" opened={opened} onChange={onChange}>
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconDownload size={16} />}>
          Export findings
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {filtered !== undefined && <Menu.Label>All findings</Menu.Label>}
        {EXPORT_FORMATS.map((f) => (
          <Menu.Item key={f} onClick={() => onExport(f)}>
            {EXPORT_FORMAT_LABELS[f]}
          </Menu.Item>
        ))}
        {filtered !== undefined && (
          <>
            <Menu.Divider />
            <Menu.Label>
              The current filter ({filtered} finding{filtered === 1 ? '' : 's'})
            </Menu.Label>
            {EXPORT_FORMATS.map((f) => (
              <Menu.Item key={f} onClick={() => onExport(f, filter)} aria-label={`${EXPORT_FORMAT_LABELS[f]}, current filter`} disabled={filtered === 0}>
                {EXPORT_FORMAT_LABELS[f]}
              </Menu.Item>
            ))}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
