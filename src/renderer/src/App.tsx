import {
  Alert,
  AppShell,
  Button,
  Center,
  Group,
  Kbd,
  Loader,
  Progress,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolderOpen, IconTags } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { adjacentFinding } from '../../shared/findings/navigate-findings';
import type { DocumentRecord, Finding } from '../../shared/model/types';
import { errorMessage } from '../../shared/result';
import { CodebookDrawer } from './components/Codebook';
import { DropOverlay } from './components/DropOverlay';
import { FindingsTable } from './components/FindingsTable';
import { CompareView } from './components/Compare';
import { SearchView } from './components/Search';
import { WorkspaceMenu, type WorkspaceMenuHandle } from './components/Workspace';
import { ColorSchemeMenu, useColorSchemeToggle } from './components/ColorScheme';
import { ShortcutsSheet } from './components/Shortcuts';
import { useCommands } from './workbench/use-commands';
import { IS_MAC } from './host/keyboard';
import { commandSpec, shortcutLabel, type CommandId } from '../../shared/commands';
import { useAutoBackup } from './workbench/use-auto-backup';
import { findingRows } from '../../shared/export/finding-rows';
import { safeFileName } from '../../shared/export/file-name';
import { FindBar } from './components/FindBar';
import { findAll } from '../../shared/model/find-in-text';
import { exportFindings, type ExportFormat } from '../../shared/export/export-findings';
import { filterExportInput, type FindingFilter } from '../../shared/findings/filter-findings';
import { ExportMenu } from './components/ExportMenu';
import { EditFindingModal, FindingsPanel } from './components/FindingsPanel';
import { DeleteDialog, Library, RenameDialog } from './components/Library';
import { Outline } from './components/Outline';
import { PasswordModal } from './components/PasswordModal';
import { Reader } from './components/Reader';
import { ViewBar, type ViewMode } from './components/ViewBar';

// pdf.js for drawing pages is its own chunk: fetched while a PDF is being read, not at start-up.
const loadPageView = () => import('./components/PageView');
const PageView = lazy(() => loadPageView().then((m) => ({ default: m.PageView })));
import { useServices } from './workbench/context';
import { useDocumentImport } from './workbench/use-document-import';

const ACTIVE_DOCUMENT_KEY = 'activeDocumentId';
const SAMPLE_OFFERED_KEY = 'sampleOffered';

/** The main window: library, reader, findings. */
export function App() {
  const { host, store, history } = useServices();
  const [activeId, setActiveId] = useState<string>();
  const [selectedFindingId, setSelectedFindingId] = useState<string>();
  const [progress, setProgress] = useState<{ fileName: string; done: number; total: number }>();
  const toggleColorScheme = useColorSchemeToggle();
  const workspaceMenu = useRef<WorkspaceMenuHandle>(null);
  const [exportMenuOpen, setExportMenuOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  const documents = useLiveQuery(() => store.listDocuments(), [store]);
  const tags = useLiveQuery(() => store.listTags(), [store]) ?? [];
  const docText = useLiveQuery(() => (activeId ? store.getText(activeId) : undefined), [store, activeId]);
  const [jumpTo, setJumpTo] = useState<{ offset: number; seq: number }>();
  /** Counts "Tag match" requests from the find bar. */
  const [tagHitSeq, setTagHitSeq] = useState(0);
  const [view, setView] = useState<ViewMode>('text');
  const [zoom, setZoom] = useState(1.25);
  const [currentPage, setCurrentPage] = useState(1);
  const [goToPage, setGoToPage] = useState<{ page: number; seq: number }>();
  const [finding, setFinding] = useState<{ query: string; current: number }>();
  const hits = useMemo(() => (finding && docText ? findAll(docText.text, finding.query) : []), [finding, docText]);
  const fileBytes = useLiveQuery(() => (activeId && view === 'page' ? store.getFileBytes(activeId) : undefined), [store, activeId, view]);
  const findings = useLiveQuery(() => (activeId ? store.listFindings(activeId) : []), [store, activeId]) ?? [];
  const findingCounts = useLiveQuery(() => store.countFindingsByDocument(), [store]) ?? new Map<string, number>();
  const active = useMemo(() => documents?.find((d) => d.id === activeId), [documents, activeId]);

  const show = useCallback(
    (doc: DocumentRecord) => {
      setActiveId(doc.id);
      setSelectedFindingId(undefined);
      void store.setSetting(ACTIVE_DOCUMENT_KEY, doc.id);
    },
    [store],
  );
  const importer = useDocumentImport(show);
  useAutoBackup();
  const activeIsPdf = active?.kind === 'pdf';
  useEffect(() => {
    // Warm the page view while the analyst reads the text, so switching to pages is quick.
    if (activeIsPdf) void loadPageView().then((m) => m.displayWorker());
  }, [activeIsPdf]);
  const [renaming, setRenaming] = useState<DocumentRecord>();
  const [editing, setEditing] = useState<Finding>();
  const [codebookOpen, setCodebookOpen] = useState(false);
  const [mode, setMode] = useState<'reader' | 'findings' | 'compare' | 'search'>('reader');
  const tableRows = useLiveQuery(async () => (mode === 'findings' ? findingRows(await store.exportInput()) : []), [store, mode]) ?? [];
  const allFindingTags = useLiveQuery(async () => (codebookOpen ? (await store.db.findings.toArray()).map((f) => ({ id: f.id, tagIds: f.tagIds })) : []), [store, codebookOpen]) ?? [];
  const [deleting, setDeleting] = useState<{ doc: DocumentRecord; count: number }>();
  const [findingFilter, setFindingFilter] = useState<FindingFilter>({});

  const reimport = useCallback(
    async (doc: DocumentRecord) => {
      const picked = await host.openDocuments();
      if (!picked.ok) return notifications.show({ color: 'red', title: 'Could not re-import', message: picked.error });
      const outcome = picked.value?.[0];
      if (!outcome) return;
      if (!outcome.ok) return notifications.show({ color: 'red', title: `Could not read “${outcome.fileName}”`, message: `${outcome.message} Nothing was changed.` });
      try {
        const s = await store.reimportDocument(doc.id, outcome.file.document, outcome.file.bytes);
        const found = s.exact + s.moved + s.fuzzy;
        notifications.show({
          color: s.orphaned ? 'yellow' : 'green',
          title: `“${doc.title}” updated`,
          message: `${found} finding${found === 1 ? '' : 's'} found again${s.fuzzy ? ` (${s.fuzzy} reworded)` : ''}${
            s.orphaned ? `; ${s.orphaned} could not be found and ${s.orphaned === 1 ? 'is' : 'are'} listed as orphaned` : ''
          }.`,
        });
        show(doc);
      } catch (e) {
        notifications.show({ color: 'red', title: 'Could not re-import', message: `${errorMessage(e)} Nothing was changed.` });
      }
    },
    [host, store, show],
  );

  // First start: restore the last document, or open the bundled sample once so a newcomer sees the app work.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || documents === undefined) return;
    started.current = true;
    void (async () => {
      const last = await store.getSetting<string>(ACTIVE_DOCUMENT_KEY);
      const lastDoc = documents.find((d) => d.id === last) ?? documents[0];
      if (lastDoc) return show(lastDoc);
      if (await store.getSetting<boolean>(SAMPLE_OFFERED_KEY)) return;
      const doc = await importer.loadSample();
      if (doc) await store.setSetting(SAMPLE_OFFERED_KEY, true);
    })();
  }, [documents, store, show, importer]);

  /** Undo or redo a finding change, saying what was done (or why it could not be). */
  const runHistory = useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        const label = await (which === 'undo' ? history.undo() : history.redo());
        if (label) notifications.show({ message: `${which === 'undo' ? 'Undone' : 'Redone'}: ${label}`, autoClose: 2500 });
      } catch (e) {
        notifications.show({ color: 'red', title: `Could not ${which}`, message: errorMessage(e) });
      }
    },
    [history],
  );

  useEffect(() => host.onIngestProgress((p) => setProgress(p.done >= p.total ? undefined : p)), [host]);

  const createFinding = useCallback(
    async (range: { start: number; end: number }, tagIds: string[], note: string) => {
      if (!activeId) return;
      const f = await history.create({ documentId: activeId, start: range.start, end: range.end, tagIds, note });
      setSelectedFindingId(f.id);
    },
    [history, activeId],
  );

  const deleteFinding = useCallback(
    async (f: Finding) => {
      try {
        await history.remove([f.id]);
      } catch (e) {
        notifications.show({ color: 'red', title: 'Could not delete the finding', message: errorMessage(e) });
        return;
      }
      const id = `deleted-${f.id}`;
      notifications.show({
        id,
        title: 'Finding deleted',
        message: (
          <Group justify="space-between">
            <Text size="sm" lineClamp={1} style={{ flex: 1 }}>
              “{f.quote.exact}”
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                notifications.hide(id);
                void runHistory('undo');
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    },
    [history, runHistory],
  );
  const jumpToOffset = useCallback((offset: number) => setJumpTo((j) => ({ offset, seq: (j?.seq ?? 0) + 1 })), []);
  /** Opens a passage from another view (search, compare, the findings table, a finding's history): its document, in the text view, at a finding or an offset. */
  function openPassage(documentId: string, at: { findingId: string } | { offset: number }): void {
    const doc = documents?.find((d) => d.id === documentId);
    if (!doc) return;
    show(doc);
    setMode('reader');
    setView('text');
    if ('findingId' in at) setSelectedFindingId(at.findingId);
    else jumpToOffset(at.offset);
  }
  // Stable, so the memoised findings panel does not re-render its (possibly thousands of) cards with the window.
  const deleteFindingFromPanel = useCallback((f: Finding) => void deleteFinding(f), [deleteFinding]);

  const exportAll = useCallback(
    async (format: ExportFormat, filter?: FindingFilter) => {
      try {
        const all = await store.exportInput();
        const input = filter ? filterExportInput(all, filter) : all;
        if (input.findings.length === 0) {
          notifications.show({ message: filter ? 'No finding matches the current filter.' : 'There are no findings to export yet.' });
          return;
        }
        const file = await exportFindings(input, format, filter ? 'findings-filtered' : 'findings');
        const saved = await host.saveFile(file.fileName, file.bytes);
        if (!saved.ok) throw new Error(saved.error);
        if (saved.value) notifications.show({ color: 'green', message: `${input.findings.length} findings exported to ${saved.value}.` });
      } catch (e) {
        notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(e) });
      }
    },
    [store, host],
  );

  const shortcut = (id: CommandId): string => shortcutLabel(commandSpec(id), IS_MAC) ?? '';

  /** Shows the text or the pages, opening the other view where the analyst was. */
  const changeView = useCallback(
    (v: ViewMode) => {
      if (!docText) return;
      setView(v);
      if (v === 'page') setGoToPage((g) => ({ page: currentPage, seq: (g?.seq ?? 0) + 1 }));
      else jumpToOffset(docText.pageStarts[currentPage - 1] ?? 0);
    },
    [docText, currentPage, jumpToOffset],
  );

  // Menu items and keyboard shortcuts, all from the command table (src/shared/commands.ts).
  useCommands({
    open: () => void importer.openWithDialog(),
    'import-backup': () => workspaceMenu.current?.open(),
    'export-findings': () => setExportMenuOpen(true),
    'back-up-workspace': () => workspaceMenu.current?.backUp(),
    'close-document': () => setActiveId(undefined),
    undo: () => undoOrRedo('undo'),
    redo: () => undoOrRedo('redo'),
    find: () => {
      // Matches are shown in the text view.
      setView('text');
      setFinding((f) => f ?? { query: '', current: 0 });
    },
    'page-view': () => {
      setMode('reader');
      if (active?.kind === 'pdf') changeView('page');
      else if (active) notifications.show({ message: 'Only PDF documents have pages to show.', autoClose: 2500 });
    },
    'text-view': () => {
      setMode('reader');
      changeView('text');
    },
    compare: () => setMode('compare'),
    'next-finding': () => stepFinding(1),
    'previous-finding': () => stepFinding(-1),
    'edit-finding': () => {
      const f = findings.find((x) => x.id === selectedFindingId);
      if (f) setEditing(f);
      else notifications.show({ message: 'Select a finding first (F8 moves to the next one).', autoClose: 2500 });
    },
    'dark-mode': toggleColorScheme,
    'keyboard-shortcuts': () => setShortcutsOpen(true),
  });

  /** Moves the selection to the next or previous finding of the open document; both views scroll to it. */
  function stepFinding(step: 1 | -1): void {
    if (!active) return;
    setMode('reader');
    const next = adjacentFinding(findings, selectedFindingId, step, docText?.pageStarts[currentPage - 1] ?? 0);
    if (next) setSelectedFindingId(next.id);
    else notifications.show({ message: 'This document has no findings yet.', autoClose: 2500 });
  }

  /** Undo/redo: a text field's own while typing in one, else the findings history. */
  function undoOrRedo(which: 'undo' | 'redo'): void {
    const el = document.activeElement;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) document.execCommand(which);
    else void runHistory(which);
  }

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 260, breakpoint: 'sm' }} aside={{ width: 340, breakpoint: 'md' }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
              Report Workbench
            </Title>
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(v) => setMode(v as 'reader' | 'findings' | 'compare' | 'search')}
              data={[
                { label: 'Reader', value: 'reader' },
                { label: 'All findings', value: 'findings' },
                { label: 'Search', value: 'search' },
                { label: 'Compare', value: 'compare' },
              ]}
              aria-label="Main view"
            />
            {active && mode === 'reader' && (
              <Text size="sm" c="dimmed" truncate>
                {active.title}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {(importer.busy || progress) && (
              <Group gap={6} aria-live="polite" wrap="nowrap">
                <Loader size="xs" />
                <Stack gap={2} w={160}>
                  <Text size="xs" c="dimmed" truncate>
                    {progress ? `Reading page ${progress.done} of ${progress.total}` : 'Reading…'}
                  </Text>
                  {progress && <Progress size="xs" value={(100 * progress.done) / Math.max(1, progress.total)} aria-label="Import progress" />}
                </Stack>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void host.cancelIngest()}>
                  Cancel
                </Button>
              </Group>
            )}
            <Tooltip label={shortcut('open')}>
              <Button leftSection={<IconFolderOpen size={16} />} size="xs" onClick={() => void importer.openWithDialog()} loading={importer.busy}>
                Open…
              </Button>
            </Tooltip>
            <ExportMenu
              opened={exportMenuOpen}
              onChange={setExportMenuOpen}
              filter={findingFilter}
              rows={tableRows}
              tags={tags}
              onExport={(format, filter) => void exportAll(format, filter)}
            />
            <WorkspaceMenu ref={workspaceMenu} onRestored={() => setActiveId(undefined)} />
            <Button variant="default" size="xs" leftSection={<IconTags size={16} />} onClick={() => setCodebookOpen(true)}>
              Codebook
            </Button>
            <ColorSchemeMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section>
          <Library
            documents={documents ?? []}
            findingCounts={findingCounts}
            activeId={activeId}
            onOpen={(id) => documents && show(documents.find((d) => d.id === id)!)}
            onRename={setRenaming}
            onReimport={(d) => void reimport(d)}
            onDelete={(d) => void store.countFindings(d.id).then((count) => setDeleting({ doc: d, count }))}
          />
        </AppShell.Section>
        {docText && (
          <AppShell.Section grow component={ScrollArea} mt="md">
            <Outline structure={docText.structure} onJump={jumpToOffset} />
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main style={{ height: '100dvh', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        {importer.problems.length > 0 && (
          <Stack gap="xs" p="sm" pb={0}>
            {importer.problems.map((p) => (
              <Alert
                key={p.id}
                color="red"
                title={p.fileName ? `Could not open “${p.fileName}”` : 'Could not open the file'}
                withCloseButton
                closeButtonLabel="Dismiss"
                onClose={() => importer.dismissProblem(p.id)}
                role="alert"
              >
                {p.message} Nothing was imported.
              </Alert>
            ))}
          </Stack>
        )}
        {mode === 'search' && (
          <div style={{ flex: 1, minHeight: 0 }}>
            <SearchView
              onOpen={(hit) => openPassage(hit.documentId, hit.findingId ? { findingId: hit.findingId } : { offset: hit.start })}
            />
          </div>
        )}
        {mode === 'compare' && (
          <div style={{ flex: 1, minHeight: 0 }}>
            <CompareView
              documents={documents ?? []}
              loadText={(id) => store.getText(id)}
              onOpenPassage={(documentId, offset) => openPassage(documentId, { offset })}
              onSave={async (name, bytes) => {
                const r = await host.saveFile(safeFileName(name, 'html'), bytes);
                if (!r.ok) notifications.show({ color: 'red', title: 'Could not save', message: r.error });
              }}
            />
          </div>
        )}
        {mode === 'findings' ? (
          <div style={{ flex: 1, minHeight: 0 }}>
            <FindingsTable
              rows={tableRows}
              tags={tags}
              filter={findingFilter}
              onFilterChange={setFindingFilter}
              onOpen={(row) => openPassage(row.documentId, { findingId: row.id })}
              onAddTag={async (ids, tagId) => {
                const n = await history.addTag(ids, tagId);
                notifications.show({ message: n ? `Code added to ${n} finding${n === 1 ? '' : 's'}.` : 'Those findings already have that code.' });
              }}
              onDelete={async (ids) => {
                const removed = await history.remove(ids);
                notifications.show({ message: `${removed.length} finding${removed.length === 1 ? '' : 's'} deleted. Undo with ${shortcut('undo')}.` });
              }}
            />
          </div>
        ) : null}
        {mode === 'reader' && active && docText && (
          <ViewBar
            view={view}
            canShowPages={active.kind === 'pdf'}
            onView={changeView}
            zoom={zoom}
            onZoom={setZoom}
            page={currentPage}
            pageCount={docText.pageStarts.length}
            onGoToPage={(page) => {
              setCurrentPage(page);
              if (view === 'page') setGoToPage((g) => ({ page, seq: (g?.seq ?? 0) + 1 }));
              else jumpToOffset(docText.pageStarts[page - 1] ?? 0);
            }}
          />
        )}
        {mode === 'reader' && finding && active && (
          <FindBar
            query={finding.query}
            onQuery={(query) => setFinding({ query, current: 0 })}
            count={hits.length}
            current={finding.current}
            onStep={(dir) => hits.length && setFinding((f) => f && { ...f, current: (f.current + dir + hits.length) % hits.length })}
            onClose={() => setFinding(undefined)}
            onTag={view === 'text' ? () => setTagHitSeq((n) => n + 1) : undefined}
          />
        )}
        <div style={{ flex: 1, minHeight: 0, display: mode === 'reader' ? undefined : 'none' }}>
          {active && docText && view === 'page' && active.kind === 'pdf' ? (
            <Suspense fallback={<Loader m="md" />}>
              {fileBytes && (
                <PageView
                  bytes={fileBytes}
                  text={docText.text}
                  spans={docText.spans}
                  findings={findings}
                  tags={tags}
                  scale={zoom}
                  goTo={goToPage}
                  selectedFindingId={selectedFindingId}
                  onPageChange={setCurrentPage}
                  onCreateFinding={createFinding}
                  onSelectFinding={setSelectedFindingId}
                />
              )}
            </Suspense>
          ) : active && docText ? (
            <Reader
              document={active}
              text={docText.text}
              pageStarts={docText.pageStarts}
              jumpTo={jumpTo}
              hits={hits}
              currentHit={finding && hits.length ? finding.current : undefined}
              tagCurrentHit={tagHitSeq}
              findings={findings}
              tags={tags}
              selectedFindingId={selectedFindingId}
              onCreateFinding={createFinding}
              onSelectFinding={setSelectedFindingId}
            />
          ) : (
            <Center h="100%">
              <Stack align="center" gap="xs" maw={420} ta="center">
                <Title order={2} size="h3">
                  {documents === undefined || importer.busy ? 'Loading…' : 'Open a report to start'}
                </Title>
                <Text c="dimmed" size="sm">
                  Open a PDF or text report with <Kbd>{shortcut('open')}</Kbd> or drop it on this window. Select a passage to tag it as a
                  finding; findings are kept on this computer.
                </Text>
              </Stack>
            </Center>
          )}
        </div>
      </AppShell.Main>

      <AppShell.Aside p="sm">
        {active ? (
          <FindingsPanel findings={findings} tags={tags} selectedId={selectedFindingId} onSelect={setSelectedFindingId} onEdit={setEditing} onDelete={deleteFindingFromPanel} />
        ) : (
          <Text size="sm" c="dimmed">
            Findings of the open document appear here.
          </Text>
        )}
      </AppShell.Aside>

      <CodebookDrawer
        opened={codebookOpen}
        onClose={() => setCodebookOpen(false)}
        tags={tags}
        findings={allFindingTags}
        onEdit={(run) => history.editCodebook(run)}
        onImport={(imported) => store.importCodebook(imported)}
        onSave={async (name, bytes) => {
          const r = await host.saveFile(name, bytes);
          if (!r.ok) notifications.show({ color: 'red', title: 'Could not save', message: r.error });
        }}
      />
      {editing && (
        <EditFindingModal
          finding={editing}
          tags={tags}
          onClose={() => setEditing(undefined)}
          onSave={async (tagIds, note) => void (await history.update(editing.id, { tagIds, note }))}
          onOpenHistory={(step) => {
            setEditing(undefined);
            openPassage(step.documentId, { findingId: step.findingId });
          }}
        />
      )}
      {renaming && <RenameDialog document={renaming} onRename={(title) => store.renameDocument(renaming.id, title)} onClose={() => setRenaming(undefined)} />}
      {deleting && (
        <DeleteDialog
          document={deleting.doc}
          findingCount={deleting.count}
          onClose={() => setDeleting(undefined)}
          onDelete={async () => {
            await store.deleteDocument(deleting.doc.id);
            if (activeId === deleting.doc.id) setActiveId(undefined);
          }}
        />
      )}
      <ShortcutsSheet opened={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <DropOverlay onFiles={(files) => void importer.importFiles(files)} />
      {importer.passwordRequest && (
        <PasswordModal
          key={`${importer.passwordRequest.fileName}-${String(importer.passwordRequest.retry)}`}
          fileName={importer.passwordRequest.fileName}
          retry={importer.passwordRequest.retry}
          onSubmit={(pw) => void importer.submitPassword(pw)}
          onCancel={importer.cancelPassword}
        />
      )}
    </AppShell>
  );
}
