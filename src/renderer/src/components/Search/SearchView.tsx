import { Badge, Group, Loader, ScrollArea, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { groupSearchHits, type SearchHit } from '../../../../shared/search/search-index';
import { useReportSearch } from '../../search/use-report-search';

/** Props of {@link SearchView}. */
export interface SearchViewProps {
  onOpen: (hit: SearchHit) => void;
}

/** Search every report and every note; results grouped by document and country, words in context. */
export function SearchView({ onOpen }: SearchViewProps) {
  const { client, indexing, version, error } = useReportSearch();
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<{ query: string; hits: SearchHit[] }>({ query: '', hits: [] });
  const asked = query.trim().length >= 2 ? query : '';
  useEffect(() => {
    if (!asked) return;
    let latest = true;
    // The index lives in a worker; a newer query (or a newer index) replaces this answer.
    void client.query(asked).then((r) => latest && setAnswer({ query: asked, hits: r.hits }));
    return () => {
      latest = false;
    };
  }, [client, asked, version]);
  const hits = useMemo(() => (asked && answer.query === asked ? answer.hits : []), [asked, answer]);
  const answered = !asked || answer.query === asked;
  const groups = useMemo(() => groupSearchHits(hits).map((g) => ({ key: `${g.documentId}\u0000${g.country}`, title: `${g.documentTitle} — ${g.country || 'outside any country'}`, hits: g.hits })), [hits]);

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
          rightSection={indexing ? <Loader size="xs" aria-label="Indexing" /> : undefined}
        />
        <Group gap="xs" aria-live="polite">
          {indexing && (
            <Text size="xs" c="dimmed">
              Indexing… {version > 0 ? 'results may miss the newest changes.' : 'results appear when it is done.'}
            </Text>
          )}
          {error && (
            <Text size="xs" c="red" role="alert">
              The search index could not be built: {error}
            </Text>
          )}
          {asked && answered && version > 0 && (
            <Text size="xs" c="dimmed">
              {hits.length === 0 ? 'No matches.' : `${hits.length} matches in ${groups.length} places`}
            </Text>
          )}
        </Group>
        <Stack gap="md" aria-label="Search results">
          {groups.map(({ key, title, hits: list }) => (
            <Stack key={key} gap={4}>
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
