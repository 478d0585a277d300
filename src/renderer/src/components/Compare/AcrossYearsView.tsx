import { LineChart } from '@mantine/charts';
import { Alert, Badge, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import {
  countriesAcross,
  countryTimeline,
  recommendationMatrix,
  type CompareSide,
  type CountryTimeline,
  type MatrixStatus,
  type RecommendationMatrix,
} from '../../../../shared/compare';
import { FIGURE_LABELS } from '../../../../shared/model/section-labels';
import type { DocumentRecord, DocumentText } from '../../../../shared/model/types';
import { errorMessage } from '../../../../shared/result';

/** Props of {@link AcrossYearsView}. */
export interface AcrossYearsViewProps {
  documents: DocumentRecord[];
  loadText: (id: string) => Promise<DocumentText | undefined>;
  /** The country to start with (the one being compared). */
  initialCountry?: string | null;
}

const FIGURE_COLORS = ['blue.6', 'orange.6', 'grape.6', 'teal.6', 'red.6', 'cyan.6', 'lime.7', 'pink.6'];
const TIER_TICKS: Record<number, string> = { 1: 'Tier 1', 2: 'Tier 2', 3: 'Tier 2 WL', 4: 'Tier 3' };
const STATUS_COLORS: Record<MatrixStatus, string> = { new: 'green', kept: 'blue', reworded: 'yellow', returned: 'grape', dropped: 'red', absent: 'gray' };

/** One loaded edition. */
interface Edition {
  doc: DocumentRecord;
  side: CompareSide;
}

/** One country over every edition in the library: tier and figures by year (chart and table), and its recommendations year by year. */
export function AcrossYearsView({ documents, loadText, initialCountry }: AcrossYearsViewProps) {
  const [editions, setEditions] = useState<Edition[]>();
  const [error, setError] = useState<string>();
  const [country, setCountry] = useState<string | null>(initialCountry ?? null);
  const docKey = documents.map((d) => d.id).join(',');

  useEffect(() => {
    let live = true;
    setEditions(undefined);
    setError(undefined);
    void (async () => {
      try {
        const loaded: Edition[] = [];
        for (const doc of documents) {
          const t = await loadText(doc.id);
          if (t) loaded.push({ doc, side: { text: t.text, structure: t.structure, pageStarts: t.pageStarts, year: doc.year } });
        }
        if (live) setEditions(loaded);
      } catch (e) {
        if (live) setError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the library's documents change, not on every render
  }, [docKey]);

  const sides = useMemo(() => editions?.map((e) => e.side) ?? [], [editions]);
  const countries = useMemo(() => countriesAcross(sides), [sides]);
  const chosen = country && countries.some((c) => c.country === country) ? country : (countries[0]?.country ?? null);
  const timeline = useMemo(() => (chosen ? countryTimeline(sides, chosen) : undefined), [sides, chosen]);
  const matrix = useMemo(() => (chosen ? recommendationMatrix(sides, chosen) : undefined), [sides, chosen]);

  if (error) {
    return (
      <Alert color="red" role="alert">
        Could not read the editions: {error}
      </Alert>
    );
  }
  if (!editions) return <Loader size="sm" aria-label="Reading every edition" />;
  if (countries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No country narratives in the library yet. Import editions of a report to follow a country over the years.
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      <NativeSelect
        label="Country"
        data={countries.map((c) => ({ value: c.country, label: `${c.country} (${c.editions} edition${c.editions === 1 ? '' : 's'})` }))}
        value={chosen ?? ''}
        onChange={(e) => setCountry(e.currentTarget.value)}
        w={300}
      />
      {timeline && <TimelineSection timeline={timeline} editions={editions} />}
      {matrix && <MatrixSection matrix={matrix} editions={editions} />}
    </Stack>
  );
}

const yearLabel = (year: number | null, doc: DocumentRecord) => (year === null ? doc.title : String(year));

/** Chart labels: the year, with the title added where two editions share one. */
function chartLabels(entries: readonly { year: number | null; edition: number }[], editions: readonly Edition[]): string[] {
  const count = new Map<number | null, number>();
  for (const e of entries) count.set(e.year, (count.get(e.year) ?? 0) + 1);
  return entries.map((e) => {
    const doc = editions[e.edition]!.doc;
    return e.year !== null && count.get(e.year)! > 1 ? `${e.year} · ${doc.title}` : yearLabel(e.year, doc);
  });
}

function TimelineSection({ timeline, editions }: { timeline: CountryTimeline; editions: Edition[] }) {
  const labels = chartLabels(timeline.entries, editions);
  const data = timeline.entries.map((e, i) => ({
    year: labels[i]!,
    tier: e.tierRank,
    ...Object.fromEntries(timeline.figureKinds.map((k) => [k, e.figures[k]?.value ?? null])),
  }));
  const tiered = timeline.entries.some((e) => e.tierRank !== null);
  return (
    <Stack gap="sm" component="section" aria-label="Timeline">
      <Title order={3} size="h5">
        {timeline.country} over {timeline.entries.length} edition{timeline.entries.length === 1 ? '' : 's'}
      </Title>
      {tiered && (
        <div role="img" aria-label={`Tier of ${timeline.country} by year`} data-testid="tier-chart">
          <LineChart
            h={200}
            data={data}
            dataKey="year"
            series={[{ name: 'tier', label: 'Tier', color: 'indigo.6' }]}
            curveType="step"
            connectNulls={false}
            yAxisProps={{ domain: [1, 4], reversed: true, ticks: [1, 2, 3, 4], tickFormatter: (v: number) => TIER_TICKS[v] ?? '', width: 80, allowDecimals: false, padding: { top: 12, bottom: 12 } }}
            valueFormatter={(v) => TIER_TICKS[v] ?? String(v)}
          />
        </div>
      )}
      {timeline.figureKinds.length > 0 && (
        <div role="img" aria-label={`Figures of ${timeline.country} by year`} data-testid="figures-chart">
          <LineChart
            h={220}
            data={data}
            dataKey="year"
            withLegend
            connectNulls={false}
            series={timeline.figureKinds.map((k, i) => ({ name: k, label: FIGURE_LABELS[k], color: FIGURE_COLORS[i % FIGURE_COLORS.length]! }))}
            valueFormatter={(v) => v.toLocaleString()}
          />
        </div>
      )}
      <Table.ScrollContainer minWidth={500}>
        <Table striped withTableBorder aria-label="Timeline table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Year</Table.Th>
              <Table.Th>Edition</Table.Th>
              <Table.Th>Tier</Table.Th>
              <Table.Th>Move</Table.Th>
              {timeline.figureKinds.map((k) => (
                <Table.Th key={k}>{FIGURE_LABELS[k]}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {timeline.entries.map((e) => (
              <Table.Tr key={e.edition}>
                <Table.Td>{e.year ?? '—'}</Table.Td>
                <Table.Td>{editions[e.edition]!.doc.title}</Table.Td>
                <Table.Td>{e.tier ?? '—'}</Table.Td>
                <Table.Td>
                  {e.tierChange === 'up' ? (
                    <Badge size="xs" color="green" variant="light">
                      up
                    </Badge>
                  ) : e.tierChange === 'down' ? (
                    <Badge size="xs" color="red" variant="light">
                      down
                    </Badge>
                  ) : e.tierChange === 'same' ? (
                    'same'
                  ) : (
                    '—'
                  )}
                </Table.Td>
                {timeline.figureKinds.map((k) => (
                  <Table.Td key={k} title={e.figures[k]?.quote}>
                    {e.figures[k] ? `${e.figures[k].value.toLocaleString()}${e.figures[k].currency ? ` ${e.figures[k].currency}` : ''}` : '—'}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {timeline.missing.length > 0 && (
        <Text size="xs" c="dimmed">
          Not in: {timeline.missing.map((i) => editions[i]!.doc.title).join(', ')}.
        </Text>
      )}
    </Stack>
  );
}

function MatrixSection({ matrix, editions }: { matrix: RecommendationMatrix; editions: Edition[] }) {
  return (
    <Stack gap="sm" component="section" aria-label="Recommendations by year">
      <Title order={3} size="h5">
        Recommendations to {matrix.country}, year by year
      </Title>
      {matrix.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No recommendations found for {matrix.country} in these editions.
        </Text>
      ) : (
        <>
          <Group gap={6}>
            {(Object.keys(STATUS_COLORS) as MatrixStatus[]).map((s) => (
              <Badge key={s} size="xs" variant="light" color={STATUS_COLORS[s]}>
                {s}
              </Badge>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder withColumnBorders aria-label="Recommendations matrix">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Recommendation (latest wording)</Table.Th>
                  <Table.Th>Editions</Table.Th>
                  {matrix.columns.map((c) => (
                    <Table.Th key={c.edition} style={{ minWidth: 104 }} title={editions[c.edition]!.doc.title}>
                      {yearLabel(c.year, editions[c.edition]!.doc)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {matrix.rows.map((r, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ minWidth: 320 }}>
                      <Text size="sm">{r.text}</Text>
                    </Table.Td>
                    <Table.Td>
                      {r.present} of {matrix.columns.length}
                    </Table.Td>
                    {r.cells.map((c, k) => (
                      <Table.Td key={k} title={c.text} style={{ whiteSpace: 'nowrap' }}>
                        {c.status === 'absent' ? (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        ) : (
                          <Badge size="xs" variant="light" color={STATUS_COLORS[c.status]}>
                            {c.status}
                            {c.similarity !== undefined && c.similarity < 1 ? ` ${Math.round(c.similarity * 100)}%` : ''}
                          </Badge>
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
