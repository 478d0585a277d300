import { Badge, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import type { DocumentRecord } from '../../../../shared/model/types';

/** Props of {@link Library}. */
export interface LibraryProps {
  documents: DocumentRecord[];
  findingCounts: Map<string, number>;
  activeId?: string;
  onOpen: (id: string) => void;
}

/** "2015 · Lithuania, Luxembourg · 3 pages": what the analyst needs to tell documents apart. */
function describe(d: DocumentRecord): string {
  const parts: string[] = [];
  if (d.year) parts.push(String(d.year));
  if (d.countries.length > 0 && d.countries.length <= 3) parts.push(d.countries.map((c) => c.name).join(', '));
  else if (d.countries.length > 3) parts.push(`${d.countries.length} countries`);
  parts.push(`${d.pageCount} ${d.pageCount === 1 ? 'page' : 'pages'}`);
  return parts.join(' · ');
}

/** Every imported document; the active one is marked. */
export function Library({ documents, findingCounts, activeId, onOpen }: LibraryProps) {
  return (
    <Stack gap={4}>
      <Title order={2} size="h5" mb={4}>
        Library
      </Title>
      {documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          No documents yet. Open a PDF or text report, or drop one on the window.
        </Text>
      ) : (
        <nav aria-label="Documents">
          {documents.map((d) => (
            <NavLink
              key={d.id}
              component="button"
              active={d.id === activeId}
              onClick={() => onOpen(d.id)}
              aria-current={d.id === activeId ? 'page' : undefined}
              label={d.title}
              description={
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {describe(d)}
                  </Text>
                  {(findingCounts.get(d.id) ?? 0) > 0 && (
                    <Badge size="xs" variant="light">
                      {findingCounts.get(d.id)} {findingCounts.get(d.id) === 1 ? 'finding' : 'findings'}
                    </Badge>
                  )}
                </Group>
              }
              leftSection={d.kind === 'pdf' ? <IconFileTypePdf size={18} /> : <IconFileText size={18} />}
            />
          ))}
        </nav>
      )}
    </Stack>
  );
}
