import { ActionIcon, Button, CloseButton, Group, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconTag } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { MAX_MATCHES } from '../../../../shared/model/find-in-text';

/** Props of {@link FindBar}. */
export interface FindBarProps {
  query: string;
  onQuery: (q: string) => void;
  count: number;
  /** 0-based index of the shown match. */
  current: number;
  onStep: (dir: 1 | -1) => void;
  onClose: () => void;
  /** Tags the shown match (the keyboard's way to select a passage); absent where tagging is not possible. */
  onTag?: () => void;
}

/** Find in document: Enter / Shift+Enter step through matches, Ctrl/Cmd+Enter tags the shown one, Escape closes. */
export function FindBar({ query, onQuery, count, current, onStep, onClose, onTag }: FindBarProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const label = query.trim() === '' ? '' : count === 0 ? 'No matches' : `${current + 1} of ${count >= MAX_MATCHES ? `${MAX_MATCHES}+` : count}`;
  return (
    <Group gap={6} px="md" py={6} wrap="nowrap" role="search" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <TextInput
        ref={ref}
        size="xs"
        placeholder="Find in document"
        aria-label="Find in document"
        value={query}
        style={{ flex: 1, maxWidth: 360 }}
        onChange={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (count > 0) onTag?.();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') onClose();
        }}
      />
      <Text size="xs" c="dimmed" w={90} aria-live="polite">
        {label}
      </Text>
      <ActionIcon variant="default" size="sm" aria-label="Previous match" disabled={count === 0} onClick={() => onStep(-1)}>
        <IconChevronUp size={14} />
      </ActionIcon>
      <ActionIcon variant="default" size="sm" aria-label="Next match" disabled={count === 0} onClick={() => onStep(1)}>
        <IconChevronDown size={14} />
      </ActionIcon>
      {onTag && (
        <Button variant="default" size="compact-xs" leftSection={<IconTag size={14} />} disabled={count === 0} onClick={onTag} title="Tag the shown match (Ctrl/Cmd+Enter)">
          Tag match
        </Button>
      )}
      <CloseButton size="sm" aria-label="Close find" onClick={onClose} />
    </Group>
  );
}
