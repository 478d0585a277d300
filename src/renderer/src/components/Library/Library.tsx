import { ActionIcon, Badge, Group, Menu, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconDots, IconFileText, IconFileTypePdf, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import type { DocumentRecord } from '../../../../shared/model/types';

/** Props of {@link Library}. */
export interface LibraryProps {
  documents: DocumentRecord[];
  findingCounts: Map<string, number>;
  activeId?: string;
  onOpen: (id: string) => void;
  onRename: (doc: DocumentRecord) => void;
  onReimport: (doc: DocumentRecord) => void;
  onDelete: (doc: DocumentRecord) => void;
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
export function Library({ documents, findingCounts, activeId, onOpen, onRename, onReimport, onDelete }: LibraryProps) {
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
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {documents.map((d) => (
            <Group key={d.id} component="li" gap={0} wrap="nowrap" align="flex-start">
              <NavLink
                component="button"
                style={{ flex: 1, minWidth: 0 }}
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
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Actions for ${d.title}`}>
                    <IconDots size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onRename(d)}>
                    Rename…
                  </Menu.Item>
                  <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => onReimport(d)}>
                    Re-import new version…
                  </Menu.Item>
                  <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => onDelete(d)}>
                    Delete…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          ))}
          </ul>
        </nav>
      )}
    </Stack>
  );
}
