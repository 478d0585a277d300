import { Alert, Badge, Button, ColorSwatch, Group, List, Loader, Modal, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BackupContents } from '../../../../shared/backup/backup-format';
import { conflictKey, mergeBackup, previewMerge, type MergeChoice, type MergeConflict, type MergeSummary } from '../../../../shared/backup/merge-backup';
import { errorMessage } from '../../../../shared/result';
import { UNDO_KEYS } from '../../host/keyboard';
import { useServices } from '../../workbench/context';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const short = (s: string, max = 120) => (flat(s).length > max ? `${flat(s).slice(0, max - 1)}…` : flat(s));

/**
 * Merging a colleague's backup in two steps: a preview (worked out without writing anything) of
 * what will be added and of every conflict, each with the choice of keeping yours or theirs; then,
 * once confirmed, the merge in one transaction and a summary of what it did.
 */
export function MergeDialog({ fileName, contents, onClose }: { fileName: string; contents: BackupContents; onClose: () => void }) {
  const { store, history } = useServices();
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  const [preview, setPreview] = useState<MergeSummary>();
  const [problem, setProblem] = useState<string>();
  const [result, setResult] = useState<MergeSummary>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [ourTagNames, setOurTagNames] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    void store.listTags().then((tags) => setOurTagNames(new Map(tags.map((t) => [t.id, t.name]))));
  }, [store]);

  // The preview follows the choices: a choice that cannot be merged (a code moved into a loop) says so at once.
  useEffect(() => {
    let current = true;
    previewMerge(store, contents, choices).then(
      (s) => {
        if (!current) return;
        setPreview(s);
        setProblem(undefined);
      },
      (e: unknown) => current && setProblem(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [store, contents, choices]);

  const tagName = useMemo(() => {
    const theirs = new Map(contents.tags.map((t) => [t.id, t.name]));
    return (id: string) => ourTagNames.get(id) ?? theirs.get(id) ?? id;
  }, [contents.tags, ourTagNames]);

  const apply = async (): Promise<void> => {
    setBusy(true);
    setFailure(undefined);
    try {
      setResult(await history.changeWorkspace('merge a backup', () => mergeBackup(store, contents, { choices })));
    } catch (e) {
      setFailure(`${errorMessage(e)} Nothing was changed.`);
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const took = result.conflicts.filter((c) => c.kept === 'theirs').length;
    return (
      <Modal opened onClose={onClose} title="Backup merged" centered size="lg">
        <Stack>
          <Text size="sm">
            From “{fileName}”: {plural(result.documents.added, 'document')}, {plural(result.findings.added, 'finding')} and {plural(result.tags.added, 'code')} added;{' '}
            {plural(result.findings.unchanged + result.findings.duplicates, 'finding was', 'findings were')} already here.
          </Text>
          {result.conflicts.length > 0 && (
            <>
              <Text size="sm">
                {plural(result.conflicts.length, 'conflict')}: yours kept in {result.conflicts.length - took}, theirs taken in {took}.
              </Text>
              <List size="sm" aria-label="Conflicts resolved">
                {result.conflicts.map((c) => (
                  <List.Item key={conflictKey(c)}>{c.message}</List.Item>
                ))}
              </List>
            </>
          )}
          <Warnings warnings={result.warnings} />
          <Text size="sm" c="dimmed">
            Undo ({UNDO_KEYS}) takes the whole merge back.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const m = contents.manifest;
  const setAll = (side: MergeChoice) => setChoices(Object.fromEntries((preview?.conflicts ?? []).map((c) => [conflictKey(c), side])));
  return (
    <Modal opened onClose={onClose} title="Merge this backup?" centered size="xl">
      <Stack>
        <Text size="sm">
          “{fileName}”, made {new Date(m.createdAt).toLocaleString()}: {plural(m.counts.documents, 'document')}, {plural(m.counts.findings, 'finding')}, {plural(m.counts.tags, 'code')}.
          Nothing of yours is removed, and nothing is written until you choose Merge.
        </Text>
        {!preview && !problem && <Loader size="sm" aria-label="Working out the merge" />}
        {preview && (
          <>
            <Title order={4}>Will be added</Title>
            <Added summary={preview} />
            <Text size="sm" c="dimmed">
              Already here: {plural(preview.documents.matched, 'document')} (the same file), {plural(preview.findings.unchanged, 'finding')} unchanged
              {preview.findings.duplicates ? `, ${plural(preview.findings.duplicates, 'finding')} made twice (the same passage, codes and note)` : ''}
              {preview.tags.matched ? `, ${plural(preview.tags.matched, 'code')} under another id` : ''}.
            </Text>
            <Warnings warnings={preview.warnings} />
            <Title order={4}>{preview.conflicts.length ? `Conflicts (${preview.conflicts.length})` : 'No conflicts'}</Title>
            {preview.conflicts.length > 0 && (
              <>
                <Text size="sm">
                  You and your colleague changed these differently. Yours is kept unless you choose theirs: your workspace is the one you have read, and which
                  side was edited later depends on two computers’ clocks, so it is shown as a hint only.
                </Text>
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => setAll('ours')}>
                    Keep all mine
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setAll('theirs')}>
                    Keep all theirs
                  </Button>
                </Group>
                {preview.conflicts.map((c) => (
                  <ConflictCard key={conflictKey(c)} conflict={c} choice={choices[conflictKey(c)] ?? 'ours'} tagName={tagName} onChoose={(side) => setChoices((all) => ({ ...all, [conflictKey(c)]: side }))} />
                ))}
              </>
            )}
          </>
        )}
        {problem && (
          <Alert color="red" title="This merge cannot be made">
            {problem}
          </Alert>
        )}
        {failure && (
          <Alert color="red" title="Nothing was changed">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button loading={busy} disabled={!preview || problem !== undefined} onClick={() => void apply()}>
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Added({ summary }: { summary: MergeSummary }) {
  const { documents, findings, tags } = summary.added;
  if (documents.length + findings.length + tags.length === 0) return <Text size="sm">Nothing new: everything in it is already here.</Text>;
  return (
    <List size="sm" aria-label="Will be added">
      <List.Item>
        {plural(documents.length, 'document')}
        {documents.length > 0 && `: ${documents.map((d) => `“${d.title}”`).join(', ')}`}
      </List.Item>
      <List.Item>
        {plural(findings.length, 'finding')}
        {findings.length > 0 && `: ${findings.slice(0, 5).map((f) => `“${short(f.quote.exact, 60)}”`).join(', ')}${findings.length > 5 ? ` and ${findings.length - 5} more` : ''}`}
      </List.Item>
      <List.Item>
        {plural(tags.length, 'code')}
        {tags.length > 0 && `: ${tags.map((t) => `“${t.name}”`).join(', ')}`}
      </List.Item>
    </List>
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title="Worth knowing">
      <List size="sm">
        {warnings.map((w, i) => (
          <List.Item key={i}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

const FIELD_LABELS: Record<string, string> = { document: 'Document', passage: 'Passage', tags: 'Codes', note: 'Note', name: 'Name', parent: 'Parent', color: 'Colour', description: 'Description', title: 'Title' };

/** The differing fields of one side of a conflict. */
function sideFields(c: MergeConflict, side: MergeChoice, tagName: (id: string) => string): { label: string; value: ReactNode }[] {
  const none = (s: string, what: string) => (s.trim() ? short(s, 300) : `(no ${what})`);
  switch (c.kind) {
    case 'finding': {
      const f = c[side];
      return c.fields.map((field) => ({
        label: FIELD_LABELS[field]!,
        value:
          field === 'note' ? none(f.note, 'note') : field === 'tags' ? f.tagIds.map(tagName).join(', ') || '(no codes)' : field === 'passage' ? `“${short(f.quote.exact)}”` : `another document`,
      }));
    }
    case 'tag': {
      const t = c[side];
      return c.fields.map((field) => ({
        label: FIELD_LABELS[field]!,
        value:
          field === 'color' ? (
            <Group gap={6} component="span">
              <ColorSwatch color={t.color} size={14} aria-hidden />
              {t.color}
            </Group>
          ) : field === 'parent' ? (
            t.parentId ? tagName(t.parentId) : '(top level)'
          ) : field === 'description' ? (
            none(t.description, 'description')
          ) : (
            t.name
          ),
      }));
    }
    case 'document':
      return [{ label: 'Title', value: c[side].title }];
  }
}

function ConflictCard({
  conflict: c,
  choice,
  tagName,
  onChoose,
}: {
  conflict: MergeConflict;
  choice: MergeChoice;
  tagName: (id: string) => string;
  onChoose: (side: MergeChoice) => void;
}) {
  const what = c.kind === 'finding' ? 'Finding' : c.kind === 'tag' ? 'Code' : 'Document';
  const newer = c.kind === 'finding' ? c.newer : undefined;
  const column = (side: MergeChoice) => (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {side === 'ours' ? 'Yours' : 'Theirs'}
        </Text>
        {newer === side && (
          <Badge size="xs" variant="light">
            edited later
          </Badge>
        )}
      </Group>
      {sideFields(c, side, tagName).map((f) => (
        <Text size="sm" key={f.label} component="div">
          <Text span size="sm" c="dimmed">
            {f.label}:{' '}
          </Text>
          {f.value}
        </Text>
      ))}
    </Stack>
  );
  return (
    <Paper withBorder p="sm" role="group" aria-label={`${what} conflict: ${c.description}`}>
      <Stack gap="xs">
        <Text size="sm">{c.description}.</Text>
        <SimpleGrid cols={2}>
          {column('ours')}
          {column('theirs')}
        </SimpleGrid>
        <Radio.Group label="Keep" value={choice} onChange={(v) => onChoose(v as MergeChoice)}>
          <Group gap="md" mt={4}>
            <Radio value="ours" label="Mine" />
            <Radio value="theirs" label="Theirs" />
          </Group>
        </Radio.Group>
      </Stack>
    </Paper>
  );
}
