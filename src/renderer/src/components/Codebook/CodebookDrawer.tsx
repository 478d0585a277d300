import { ActionIcon, Badge, Button, ColorSwatch, Drawer, FileButton, Group, Kbd, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { codebookFromJson, codebookToJson } from '../../../../shared/codebook/codebook-json';
import {
  addTag,
  buildTree,
  countFindings,
  deleteTag,
  flattenTree,
  mergeTags,
  moveTag,
  renameTag,
  type CodebookEdit,
  type FindingTags,
} from '../../../../shared/codebook/codebook-ops';
import type { CodebookTag } from '../../../../shared/codebook/codebook-tag';
import { codebookToQdc, parseQdc } from '../../../../shared/codebook/refi-qdc';
import type { Result } from '../../../../shared/result';
import { errorMessage } from '../../../../shared/result';

/** Props of {@link CodebookDrawer}. */
export interface CodebookDrawerProps {
  opened: boolean;
  onClose: () => void;
  tags: CodebookTag[];
  findings: FindingTags[];
  /** Runs an edit against the stored codebook (see WorkbenchStore.editCodebook). */
  onEdit: (run: (tags: CodebookTag[], findings: FindingTags[]) => Result<CodebookEdit>) => Promise<CodebookEdit>;
  onImport: (tags: CodebookTag[]) => Promise<number>;
  onSave: (fileName: string, bytes: Uint8Array) => Promise<void>;
}

type Dialog =
  | { kind: 'add'; parent: CodebookTag | null }
  | { kind: 'rename'; tag: CodebookTag }
  | { kind: 'move'; tag: CodebookTag }
  | { kind: 'merge'; tag: CodebookTag }
  | { kind: 'delete'; tag: CodebookTag; message: string };

/** The codebook: a tree of codes with counts, edited in place; import and export as REFI-QDA or JSON. */
export function CodebookDrawer({ opened, onClose, tags, findings, onEdit, onImport, onSave }: CodebookDrawerProps) {
  const [dialog, setDialog] = useState<Dialog>();
  const rows = useMemo(() => flattenTree(buildTree(tags)), [tags]);
  const counts = useMemo(() => countFindings(tags, findings), [tags, findings]);

  const run = async (fn: (t: CodebookTag[], f: FindingTags[]) => Result<CodebookEdit>): Promise<boolean> => {
    try {
      const edit = await onEdit(fn);
      if (edit.message) notifications.show({ message: edit.message, autoClose: 4000 });
      return true;
    } catch (e) {
      notifications.show({ color: 'red', title: 'The codebook was not changed', message: errorMessage(e) });
      return false;
    }
  };

  const importFile = async (file: File | null): Promise<void> => {
    if (!file) return;
    try {
      const text = await file.text();
      const imported = /\.json$/i.test(file.name) ? codebookFromJson(text) : parseQdc(text, { knownTags: tags }).tags;
      const n = await onImport(imported);
      notifications.show({ message: n === 0 ? 'Every code of that codebook is already here.' : `${n} code${n === 1 ? '' : 's'} added from “${file.name}”.` });
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not import “${file.name}”`, message: `${errorMessage(e)} Nothing was changed.` });
    }
  };

  const codeOptions = (exclude?: string) => rows.filter((r) => r.tag.id !== exclude).map((r) => ({ value: r.tag.id, label: `${'  '.repeat(r.depth)}${r.tag.name}` }));

  return (
    <Drawer opened={opened} onClose={onClose} title="Codebook" position="right" size="md">
      <Stack gap="sm">
        <Group gap="xs">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'add', parent: null })}>
            Add code
          </Button>
          <FileButton onChange={(f) => void importFile(f)} accept=".qdc,.qde,.json,application/xml,application/json">
            {(props) => (
              <Button size="xs" variant="default" leftSection={<IconUpload size={14} />} {...props}>
                Import…
              </Button>
            )}
          </FileButton>
          <Menu>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconDownload size={14} />}>
                Export
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void onSave('codebook.qdc', new TextEncoder().encode(codebookToQdc(tags)))}>REFI-QDA codebook (.qdc)</Menu.Item>
              <Menu.Item onClick={() => void onSave('codebook.json', new TextEncoder().encode(codebookToJson(tags)))}>JSON</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Codes">
          {rows.map(({ tag, depth }) => (
            <Group key={tag.id} component="li" gap="xs" wrap="nowrap" pl={depth * 18} py={2}>
              <ColorSwatch color={tag.color} size={14} />
              <Text size="sm" style={{ flex: 1 }} title={tag.description}>
                {tag.name}
              </Text>
              {tag.shortcut && <Kbd size="xs">{tag.shortcut}</Kbd>}
              <Badge size="xs" variant="light" color="gray" title="Findings with this code, including its sub-codes">
                {counts.get(tag.id)?.total ?? 0}
              </Badge>
              <Menu position="bottom-end">
                <Menu.Target>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Actions for code ${tag.name}`}>
                    <IconDots size={14} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setDialog({ kind: 'rename', tag })}>Rename…</Menu.Item>
                  <Menu.Item onClick={() => setDialog({ kind: 'add', parent: tag })}>Add sub-code…</Menu.Item>
                  <Menu.Item onClick={() => setDialog({ kind: 'move', tag })}>Move to…</Menu.Item>
                  <Menu.Item onClick={() => setDialog({ kind: 'merge', tag })}>Merge into…</Menu.Item>
                  <Menu.Item
                    color="red"
                    onClick={() => {
                      const plan = deleteTag(tags, findings, tag.id, 'reparent-children');
                      setDialog({ kind: 'delete', tag, message: plan.ok ? plan.value.message : plan.error });
                    }}
                  >
                    Delete…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          ))}
        </Stack>
      </Stack>

      {dialog?.kind === 'add' || dialog?.kind === 'rename' ? (
        <NameDialog
          title={dialog.kind === 'rename' ? `Rename “${dialog.tag.name}”` : dialog.parent ? `New code under “${dialog.parent.name}”` : 'New code'}
          initial={dialog.kind === 'rename' ? dialog.tag.name : ''}
          onClose={() => setDialog(undefined)}
          onSubmit={(name) =>
            run((t) => (dialog.kind === 'rename' ? renameTag(t, dialog.tag.id, name) : addTag(t, { name, parentId: dialog.parent?.id ?? null })))
          }
        />
      ) : null}
      {dialog?.kind === 'move' || dialog?.kind === 'merge' ? (
        <PickDialog
          title={dialog.kind === 'move' ? `Move “${dialog.tag.name}” under…` : `Merge “${dialog.tag.name}” into…`}
          options={[...(dialog.kind === 'move' ? [{ value: '', label: '(top level)' }] : []), ...codeOptions(dialog.tag.id)]}
          action={dialog.kind === 'move' ? 'Move' : 'Merge'}
          onClose={() => setDialog(undefined)}
          onSubmit={(target) =>
            run((t, f) => (dialog.kind === 'move' ? moveTag(t, dialog.tag.id, target || null) : mergeTags(t, f, dialog.tag.id, target)))
          }
        />
      ) : null}
      {dialog?.kind === 'delete' && (
        <Modal opened onClose={() => setDialog(undefined)} title={`Delete “${dialog.tag.name}”?`} centered>
          <Stack>
            <Text size="sm">{dialog.message}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(undefined)} data-autofocus>
                Cancel
              </Button>
              <Button
                color="red"
                onClick={() => void run((t, f) => deleteTag(t, f, dialog.tag.id, 'reparent-children')).then(() => setDialog(undefined))}
              >
                Delete code
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Drawer>
  );
}

function NameDialog({ title, initial, onSubmit, onClose }: { title: string; initial: string; onSubmit: (name: string) => Promise<boolean>; onClose: () => void }) {
  const [name, setName] = useState(initial);
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={(e) => (e.preventDefault(), void onSubmit(name).then((done) => done && onClose()))}>
        <Stack>
          <TextInput label="Name" data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={name.trim() === ''}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PickDialog(props: { title: string; options: { value: string; label: string }[]; action: string; onSubmit: (id: string) => Promise<boolean>; onClose: () => void }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <Modal opened onClose={props.onClose} title={props.title} centered>
      <Stack>
        <Select label="Code" data={props.options} value={value} onChange={setValue} searchable data-autofocus comboboxProps={{ withinPortal: true }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button disabled={value === null} onClick={() => value !== null && void props.onSubmit(value).then((done) => done && props.onClose())}>
            {props.action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
