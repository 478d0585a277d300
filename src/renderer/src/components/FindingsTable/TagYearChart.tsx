import { BarChart } from '@mantine/charts';
import { Group, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { CodebookTag } from '../../../../shared/codebook/codebook-tag';
import type { FindingRow } from '../../../../shared/export/finding-rows';
import { tagYearSeries, type TagMatrix } from '../../../../shared/findings/tag-matrix';

/** Props of {@link TagYearChart}. */
export interface TagYearChartProps {
  rows: FindingRow[];
  tags: CodebookTag[];
  /** The tag × year counts of the same rows, to offer only codes that have findings. */
  table: TagMatrix<unknown>;
}

/** A bar chart of one chosen code's findings (with its sub-codes) per report year. */
export function TagYearChart({ rows, tags, table }: TagYearChartProps) {
  const counted = table.rows.filter((r) => r.total > 0);
  const [picked, setPicked] = useState<string | null>(null);
  // The first code with findings until the analyst picks one (or when the picked one has none left).
  const tagId = counted.some((r) => r.tagId === picked) ? picked! : counted[0]?.tagId;
  const series = useMemo(() => (tagId ? tagYearSeries(rows, tags, tagId) : []), [rows, tags, tagId]);
  const path = counted.find((r) => r.tagId === tagId)?.path ?? '';
  if (!tagId) return null;
  return (
    <Stack gap={4} p="sm" maw={720}>
      <Group gap="xs">
        <Select
          size="xs"
          label="Code to chart"
          searchable
          data={counted.map((r) => ({ value: r.tagId, label: r.path }))}
          value={tagId}
          onChange={(v) => v && setPicked(v)}
          allowDeselect={false}
          w={320}
        />
      </Group>
      {series.length === 0 ? (
        <Text size="sm" c="dimmed">
          None of these findings is in a report with a known year.
        </Text>
      ) : (
        <figure style={{ margin: 0 }} aria-label={`Findings per year: ${path}`}>
          <BarChart h={180} data={series} dataKey="year" series={[{ name: 'count', label: 'Findings', color: 'blue.6' }]} tickLine="y" withTooltip />
          <figcaption>
            <Text size="xs" c="dimmed">
              {path}: {series.map((s) => `${s.year}: ${s.count}`).join(', ')}
            </Text>
          </figcaption>
        </figure>
      )}
    </Stack>
  );
}
