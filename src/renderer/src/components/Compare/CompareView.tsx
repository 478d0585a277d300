import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, ScrollArea, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight, IconDownload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { comparisonToHtml, compareCountry, countriesInBoth, type CompareSide, type CountryComparison, type FigureValue } from '../../../../shared/compare';
import type { WordChange } from '../../../../shared/compare/align';
import type { DocumentRecord, DocumentText } from '../../../../shared/model/types';
import { errorMessage } from '../../../../shared/result';
import { AcrossYearsView } from './AcrossYearsView';
import { CarryForwardPanel } from './CarryForwardPanel';
import { sectionName } from '../../../../shared/model/section-labels';
import { SideBySide } from './SideBySide';

/** Props of {@link CompareView}. */
export interface CompareViewProps {
  documents: DocumentRecord[];
  /** Loads a document's text and structure. */
  loadText: (id: string) => Promise<DocumentText | undefined>;
  onSave: (fileName: string, bytes: Uint8Array) => Promise<void>;
  /** Opens a document in the reader at a text offset (a figure's passage). */
  onOpenPassage?: (documentId: string, offset: number) => void;
}

/** One country across two editions (tier change, figures, recommendations, changed passages, carrying findings forward), or across every edition. */
export function CompareView({ documents, loadText, onSave, onOpenPassage }: CompareViewProps) {
  const [scope, setScope] = useState<'two' | 'all'>('two');
  const byYear = useMemo(() => [...documents].sort((a, b) => (a.year ?? 0) - (b.year ?? 0)), [documents]);
  const [earlierId, setEarlierId] = useState<string | null>(byYear.at(-2)?.id ?? null);
  const [laterId, setLaterId] = useState<string | null>(byYear.at(-1)?.id ?? null);
  const [sides, setSides] = useState<{ earlier: CompareSide; later: CompareSide; earlierId: string; laterId: string }>();
  const [country, setCountry] = useState<string | null>(null);
  const [significantOnly, setSignificantOnly] = useState(false);
  const [layout, setLayout] = useState<Layout>('changes');
  const [error, setError] = useState<string>();
  const options = byYear.map((d) => ({ value: d.id, label: `${d.title}${d.year ? ` (${d.year})` : ''}` }));

  const load = async (): Promise<void> => {
    setError(undefined);
    if (!earlierId || !laterId || earlierId === laterId) return setError('Choose two different documents.');
    const [a, b] = await Promise.all([loadText(earlierId), loadText(laterId)]);
    if (!a || !b) return setError('One of these documents is no longer in the library.');
    const side = (t: DocumentText, id: string): CompareSide => ({ text: t.text, structure: t.structure, pageStarts: t.pageStarts, year: documents.find((d) => d.id === id)?.year ?? null });
    const next = { earlier: side(a, earlierId), later: side(b, laterId), earlierId, laterId };
    setSides(next);
    const both = countriesInBoth(next.earlier, next.later);
    setCountry(both[0] ?? null);
    if (both.length === 0) setError('These two documents have no country in common.');
  };

  const countries = useMemo(() => (sides ? countriesInBoth(sides.earlier, sides.later) : []), [sides]);
  const result = useMemo((): CountryComparison | string | undefined => {
    if (!sides || !country) return undefined;
    try {
      return compareCountry(sides.earlier, sides.later, country, { significantOnly });
    } catch (e) {
      return errorMessage(e);
    }
  }, [sides, country, significantOnly]);

  return (
    <ScrollArea h="100%" data-testid="compare-view">
      <Stack p="md" gap="md" maw={1100}>
        <SegmentedControl
          aria-label="What to compare"
          w="fit-content"
          value={scope}
          onChange={(v) => setScope(v as 'two' | 'all')}
          data={[
            { label: 'Two editions', value: 'two' },
            { label: 'Across years', value: 'all' },
          ]}
        />
        {scope === 'all' ? (
          <AcrossYearsView documents={documents} loadText={loadText} initialCountry={country} />
        ) : (
          <>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <NativeSelect label="Earlier edition" data={options} value={earlierId ?? ''} onChange={(e) => setEarlierId(e.currentTarget.value)} w={260} />
              <NativeSelect label="Later edition" data={options} value={laterId ?? ''} onChange={(e) => setLaterId(e.currentTarget.value)} w={260} />
              <Button onClick={() => void load()}>Compare</Button>
              {countries.length > 0 && <NativeSelect label="Country" data={countries} value={country ?? ''} onChange={(e) => setCountry(e.currentTarget.value)} w={220} />}
              {sides && <Checkbox label="Only significant changes" checked={significantOnly} onChange={(e) => setSignificantOnly(e.currentTarget.checked)} />}
            </Group>
            {error && (
              <Alert color="yellow" role="alert">
                {error}
              </Alert>
            )}
            {typeof result === 'string' && <Alert color="red">{result}</Alert>}
            {result && typeof result !== 'string' && sides && (
              <ComparisonPanel
                c={result}
                sides={sides}
                significantOnly={significantOnly}
                layout={layout}
                onLayoutChange={setLayout}
                onOpenPassage={onOpenPassage}
                onExport={() => onSave(`${result.country} ${result.earlier.year ?? ''}-${result.later.year ?? ''}.html`, new TextEncoder().encode(comparisonToHtml(result)))}
              />
            )}
            {result && typeof result !== 'string' && sides && (
              <CarryForwardPanel
                country={result.country}
                earlier={{ documentId: sides.earlierId, year: result.earlier.year, side: sides.earlier }}
                later={{ documentId: sides.laterId, year: result.later.year, side: sides.later }}
              />
            )}
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}

type Layout = 'changes' | 'side';

interface ComparisonPanelProps {
  c: CountryComparison;
  sides: { earlier: CompareSide; later: CompareSide; earlierId: string; laterId: string };
  significantOnly: boolean;
  layout: Layout;
  onLayoutChange: (layout: Layout) => void;
  onOpenPassage: CompareViewProps['onOpenPassage'];
  onExport: () => Promise<void>;
}

function ComparisonPanel({ c, sides, significantOnly, layout, onLayoutChange, onOpenPassage, onExport }: ComparisonPanelProps) {
  const arrow = c.tierChange === 'up' ? <IconArrowUpRight size={18} color="var(--mantine-color-green-7)" /> : c.tierChange === 'down' ? <IconArrowDownRight size={18} color="var(--mantine-color-red-7)" /> : <IconArrowRight size={18} />;
  const r = c.recommendations;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Group gap="sm" aria-label="Tier change">
          <Title order={2} size="h3">
            {c.country}
          </Title>
          <Badge variant="light" size="lg">
            {c.earlier.year ?? '?'}: {c.earlier.tier ?? 'no tier'}
          </Badge>
          {arrow}
          <Badge variant="light" size="lg" color={c.tierChange === 'down' ? 'red' : c.tierChange === 'up' ? 'green' : 'gray'}>
            {c.later.year ?? '?'}: {c.later.tier ?? 'no tier'}
          </Badge>
          <Text size="sm" c="dimmed">
            {c.tierChange === 'up' ? 'moved up' : c.tierChange === 'down' ? 'moved down' : c.tierChange === 'same' ? 'same tier' : 'not comparable'}
          </Text>
        </Group>
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void onExport()}>
          Export brief (HTML)
        </Button>
      </Group>

      <Stack gap={4}>
        <Title order={3} size="h5">
          Figures
        </Title>
        {c.figures.length === 0 ? (
          <Text size="sm" c="dimmed">
            No figures found in either edition.
          </Text>
        ) : (
          <Table striped withTableBorder aria-label="Figures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Figure</Table.Th>
                <Table.Th>Earlier</Table.Th>
                <Table.Th>Later</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.figures.map((f, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{f.kind.replace(/-/g, ' ')}</Table.Td>
                  <Table.Td>
                    <FigureCell value={f.earlier} year={c.earlier.year} onOpen={onOpenPassage && ((offset) => onOpenPassage(sides.earlierId, offset))} />
                  </Table.Td>
                  <Table.Td>
                    <FigureCell value={f.later} year={c.later.year} onOpen={onOpenPassage && ((offset) => onOpenPassage(sides.laterId, offset))} />
                  </Table.Td>
                  <Table.Td>
                    {f.change ? `${f.change.absolute >= 0 ? '+' : ''}${f.change.absolute.toLocaleString()}${f.change.percent !== null ? ` (${f.change.percent >= 0 ? '+' : ''}${Math.round(f.change.percent)} %)` : ''}` : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap={4}>
        <Title order={3} size="h5">
          Recommendations
        </Title>
        <Text size="sm" c="dimmed">
          {r.kept.length} kept, {r.reworded.length} reworded, {r.dropped.length} dropped, {r.added.length} new
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          {r.dropped.map((d, i) => (
            <Labelled key={`d${i}`} color="red" label="dropped" text={d.text} />
          ))}
          {r.added.map((a, i) => (
            <Labelled key={`a${i}`} color="green" label="new" text={a.text} />
          ))}
          {r.reworded.map((w, i) => (
            <Labelled key={`w${i}`} color="yellow" label={`reworded ${Math.round(w.similarity * 100)}%`} text={w.later.text} />
          ))}
        </SimpleGrid>
      </Stack>

      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={3} size="h5">
            {layout === 'side' ? 'Both editions, side by side' : 'What changed, section by section'}
          </Title>
          <SegmentedControl
            aria-label="How to show the text"
            size="xs"
            value={layout}
            onChange={(v) => onLayoutChange(v as Layout)}
            data={[
              { label: 'What changed', value: 'changes' },
              { label: 'Side by side', value: 'side' },
            ]}
          />
        </Group>
        {layout === 'side' ? (
          <SideBySide
            // A new country starts at its top, with no change selected.
            key={`${c.country}|${sides.earlierId}|${sides.laterId}`}
            country={c.country}
            earlier={{ documentId: sides.earlierId, year: c.earlier.year, side: sides.earlier }}
            later={{ documentId: sides.laterId, year: c.later.year, side: sides.later }}
            significantOnly={significantOnly}
          />
        ) : (
          <ChangedPassages c={c} />
        )}
      </Stack>
    </Stack>
  );
}

/** The changed passages only, section by section. */
function ChangedPassages({ c }: { c: CountryComparison }) {
  return (
    <>
        {c.sections.every((s) => s.changes.length === 0) && (
          <Text size="sm" c="dimmed">
            No changed passages.
          </Text>
        )}
        {c.sections
          .filter((s) => s.changes.length > 0)
          .map((s) => (
            <Stack key={s.kind} gap={6}>
              <Text fw={600} size="sm">
                {sectionName(s.kind)}
              </Text>
              {s.changes.map((ch, i) => (
                <SimpleGrid key={i} cols={2} spacing="sm" data-change={ch.type}>
                  <Text size="sm" c={ch.type === 'added' ? 'dimmed' : undefined}>
                    {ch.type === 'changed' && ch.words
                      ? <WordDiff words={ch.words} side="earlier" />
                      : (ch.earlier?.text ?? (ch.type === 'added' ? '(not in the earlier edition)' : ''))}
                  </Text>
                  <Text size="sm">
                    {ch.type === 'moved' && (
                      <Badge size="xs" variant="outline" mr={6}>
                        moved
                      </Badge>
                    )}
                    {ch.type === 'changed' && ch.words
                      ? <WordDiff words={ch.words} side="later" />
                      : (ch.later?.text ?? (ch.type === 'removed' ? '(removed)' : ''))}
                  </Text>
                </SimpleGrid>
              ))}
            </Stack>
          ))}
    </>
  );
}

/** A figure's value; with `onOpen`, a link to the passage that states it. */
function FigureCell({ value, year, onOpen }: { value: FigureValue | null; year: number | null; onOpen: ((offset: number) => void) | undefined }) {
  if (!value) return <>—</>;
  const text = `${value.value.toLocaleString()}${value.currency ? ` ${value.currency}` : ''}`;
  if (!onOpen) return <span title={value.quote}>{text}</span>;
  return (
    <Anchor component="button" type="button" size="sm" title={value.quote} aria-label={`${text}: open the ${year ?? ''} passage, page ${value.page}`.replace('  ', ' ')} onClick={() => onOpen(value.start)}>
      {text}
    </Anchor>
  );
}

/** A recommendation with what happened to it. */
function Labelled({ color, label, text }: { color: string; label: string; text: string }) {
  return (
    <Text size="sm">
      <Badge size="xs" color={color} variant="light" mr={6}>
        {label}
      </Badge>
      {text}
    </Text>
  );
}

/** One side of a word-level change: removed words struck out on the earlier side, added ones marked on the later. */
function WordDiff({ words, side }: { words: WordChange[]; side: 'earlier' | 'later' }) {
  const hidden = side === 'earlier' ? 'added' : 'removed';
  return (
    <>
      {words
        .filter((w) => w.type !== hidden)
        .map((w, j) =>
          w.type === 'same' ? (
            <span key={j}>{w.text}</span>
          ) : side === 'earlier' ? (
            <del key={j} style={{ background: 'var(--mantine-color-red-light)' }}>
              {w.text}
            </del>
          ) : (
            <ins key={j} style={{ background: 'var(--mantine-color-green-light)', textDecoration: 'none' }}>
              {w.text}
            </ins>
          ),
        )}
    </>
  );
}
