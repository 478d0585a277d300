import { Button, Chip, Group, Paper, ScrollArea, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Tag } from '../../../../shared/model/types';
import { classifySaveError, type SaveError } from '../../../../shared/store/save-error';
import { SaveErrorNotice } from '../SaveError';

/** Props of {@link TagPopover}. */
export interface TagPopoverProps {
  quote: string;
  tags: Tag[];
  /** Position inside the reader's scrolling content. */
  top: number;
  left: number;
  /** Resolves once the finding is stored; rejects with a readable message. */
  onSave: (tagIds: string[], note: string) => Promise<void>;
  onCancel: () => void;
}

/** The small form that turns a selection into a finding: tags (number keys), a note, Enter to save. */
export function TagPopover({ quote, tags, top, left, onSave, onCancel }: TagPopoverProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<SaveError>();
  const [filter, setFilter] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  /** "Protection › Shelter and services": a code with its parents, for display and filtering. */
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let t = byId.get(id), n = 0; t && n < 100; t = t.parentId ? byId.get(t.parentId) : undefined, n++) names.unshift(t.name);
    return names.join(' › ');
  };
  const shown = tags.filter((t) => filter.trim() === '' || chosen.includes(t.id) || pathOf(t.id).toLowerCase().includes(filter.trim().toLowerCase()));

  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }, []);

  const save = async (): Promise<void> => {
    if (chosen.length === 0 || saving) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave(chosen, note);
    } catch (e) {
      // The draft stays in the form so nothing typed is lost; the analyst can retry.
      setError(classifySaveError(e));
      setSaving(false);
    }
  };

  // Digits are code shortcuts unless the analyst is typing a note or a filter.
  const typingText = (t: EventTarget): boolean => t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && t.type === 'text' && filter !== '');

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void save();
    } else if (/^[0-9]$/.test(e.key) && !typingText(e.target)) {
      const tag = tags.find((t) => t.shortcut === e.key);
      if (tag) {
        e.preventDefault();
        setChosen((c) => (c.includes(tag.id) ? c.filter((x) => x !== tag.id) : [...c, tag.id]));
      }
    }
  };

  return (
    <Paper
      ref={ref}
      role="dialog"
      aria-label="Tag the selected passage"
      shadow="md"
      withBorder
      p="sm"
      w={360}
      style={{ position: 'absolute', top, left, zIndex: 20 }}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => e.stopPropagation()}
      onMouseUp={(e) => e.stopPropagation()}
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed" lineClamp={2}>
          “{quote}”
        </Text>
        <TextInput
          size="xs"
          placeholder="Filter codes (Enter picks the first)"
          aria-label="Filter codes"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          onKeyDown={(e) => {
            // With a filter typed, Enter picks the first matching code instead of saving.
            if (e.key === 'Enter' && filter.trim() !== '') {
              e.preventDefault();
              e.stopPropagation();
              const first = shown.find((t) => !chosen.includes(t.id));
              if (first) setChosen((c) => [...c, first.id]);
              setFilter('');
            }
          }}
        />
        <ScrollArea.Autosize mah={180}>
          <Chip.Group multiple value={chosen} onChange={setChosen}>
            <Group gap={6}>
              {shown.map((t) => (
                <Chip key={t.id} value={t.id} size="xs" color={t.color} variant="light" title={[pathOf(t.id), t.shortcut ? `key ${t.shortcut}` : ''].filter(Boolean).join(' — ')}>
                  {t.shortcut ? `${t.shortcut} · ` : ''}
                  {t.name}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </ScrollArea.Autosize>
        <Textarea
          label="Note"
          placeholder="Optional note (Enter saves, Shift+Enter for a new line)"
          autosize
          minRows={1}
          maxRows={5}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {error && <SaveErrorNotice error={error} retrying={saving} onRetry={() => void save()} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="xs" onClick={() => void save()} disabled={chosen.length === 0} loading={saving}>
            Save finding
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A selection waiting to be tagged, with where its popover goes. */
export interface PendingSelection {
  start: number;
  end: number;
  top: number;
  left: number;
}

/** Props of {@link SelectionTagger}. */
export interface SelectionTaggerProps {
  pending: PendingSelection;
  text: string;
  tags: Tag[];
  onCreateFinding: (range: { start: number; end: number }, tagIds: string[], note: string) => Promise<void>;
  /** The popover closed: saved or cancelled. */
  onDone: () => void;
}

/** The tag popover for a pending selection, the same in the text and page views. */
export function SelectionTagger({ pending, text, tags, onCreateFinding, onDone }: SelectionTaggerProps) {
  return (
    <TagPopover
      key={`${pending.start}-${pending.end}`}
      quote={text.slice(pending.start, pending.end)}
      tags={tags}
      top={pending.top}
      left={pending.left}
      onCancel={onDone}
      onSave={async (tagIds, note) => {
        await onCreateFinding(pending, tagIds, note);
        onDone();
        window.getSelection()?.removeAllRanges();
      }}
    />
  );
}
