import { Badge, Loader, ScrollArea, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { ExportInput } from '../../../../shared/export/finding-rows';
import type { DocumentText } from '../../../../shared/model/types';
import { ReportSearch, type SearchHit } from '../../../../shared/search/search-index';

/** Props of {@link SearchView}. */
export interface SearchViewProps {
  /** Loads every document, text and finding to index. */
  load: () => Promise<ExportInput>;
  onOpen: (hit: SearchHit) => void;
}

/** Search every report and every note; results grouped by document and country, words in context. */
export function SearchView({ load, onOpen }: SearchViewProps) {
  const [index, setIndex] = useState<ReportSearch>();
  const [query, setQuery] = useState('');
  useEffect(() => {
    let alive = true;
    void load().then((input) => {
      const texts = input.texts instanceof Map ? (input.texts as ReadonlyMap<string, DocumentText>) : new Map(Object.entries(input.texts as Record<string, DocumentText>));
      if (alive) setIndex(new ReportSearch(input.documents, texts, input.findings));
    });
    return () => {
      alive = false;
    };
  }, [load]);
  const hits = useMemo(() => (index && query.trim().length >= 2 ? index.search(query) : []), [index, query]);
  const groups = useMemo(() => {
    const g = new Map<string, SearchHit[]>();
    for (const h of hits) {
      const key = `${h.documentTitle} — ${h.country || 'outside any country'}`;
      g.set(key, [...(g.get(key) ?? []), h]);
    }
    return [...g];
  }, [hits]);

  return (
    <ScrollArea h="100%">
      <Stack p="md" gap="sm" maw={900}>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder='Search all reports and notes: words, prefixes, "a phrase"'
          aria-label="Search all reports"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-autofocus
          rightSection={index ? undefined : <Loader size="xs" />}
        />
        {query.trim().length >= 2 && (
          <Text size="xs" c="dimmed" aria-live="polite">
            {hits.length === 0 ? 'No matches.' : `${hits.length} matches in ${groups.length} places`}
          </Text>
        )}
        <Stack gap="md" aria-label="Search results">
          {groups.map(([title, list]) => (
            <Stack key={title} gap={4}>
              <Title order={3} size="h6">
                {title}
              </Title>
              {list.map((h, i) => (
                <UnstyledButton key={i} onClick={() => onOpen(h)} p={6} style={{ borderRadius: 4, border: '1px solid var(--mantine-color-default-border)' }}>
                  <Text size="sm">
                    {h.kind === 'note' && (
                      <Badge size="xs" variant="light" mr={6}>
                        note
                      </Badge>
                    )}
                    {h.snippet}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          ))}
        </Stack>
      </Stack>
    </ScrollArea>
  );
}
