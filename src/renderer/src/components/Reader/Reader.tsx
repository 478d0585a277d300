import { Alert, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { pageOf } from '../../../../shared/ingest/report-types';
import { pageSlices, type PageSlice } from '../../../../shared/model/document-text';
import type { TextMatch } from '../../../../shared/model/find-in-text';
import { splitIntoSegments, type HighlightRange } from '../../../../shared/model/segments';
import type { DocumentRecord, Finding, Tag } from '../../../../shared/model/types';
import classes from './Reader.module.css';
import { readSelection, type SelectedRange } from './selection';
import { SelectionTagger } from './TagPopover';

/** Props of {@link Reader}: data in, callbacks out; the reader never touches storage. */
export interface ReaderProps {
  document: DocumentRecord;
  /** The document's clean text and where its pages start. */
  text: string;
  pageStarts: number[];
  /** Scroll to this offset when it changes (outline clicks). */
  jumpTo?: { offset: number; seq: number };
  findings: Finding[];
  tags: Tag[];
  selectedFindingId?: string;
  /** Find-in-document matches and the one to show. */
  hits?: TextMatch[];
  currentHit?: number;
  /** Changes (a counter) when the analyst asks to tag the current match: opens the tag popover on it. */
  tagCurrentHit?: number;
  onCreateFinding: (range: SelectedRange, tagIds: string[], note: string) => Promise<void>;
  onSelectFinding: (id: string) => void;
}

/** Background for a highlight: its tag's colour, stripes when several tags or findings overlap. */
function highlightStyle(colors: string[]): CSSProperties {
  const tint = (c: string): string => `color-mix(in srgb, ${c} 35%, transparent)`;
  if (colors.length <= 1) return { backgroundColor: tint(colors[0] ?? '#fab005') };
  const stops = colors.map((c, i) => `${tint(c)} ${i * 6}px ${(i + 1) * 6}px`).join(', ');
  return { background: `repeating-linear-gradient(135deg, ${stops})` };
}

/** Prefix of segment ids that are find matches, not findings. */
const HIT = 'hit:';
const NO_HITS: TextMatch[] = [];

/** Props of {@link PageText}. */
interface PageTextProps {
  text: string;
  /** The page's extent in the text. */
  from: number;
  to: number;
  /** Findings and find matches (ids prefixed {@link HIT}) to highlight. */
  ranges: readonly HighlightRange[];
  currentHit?: number;
  findingById: ReadonlyMap<string, Finding>;
  tagById: ReadonlyMap<string, Tag>;
  onSelectFinding: (id: string) => void;
}

/**
 * One page's text with its highlights. Memoised, so scrolling renders only the pages that come
 * into view: the pages already shown keep their segments and elements (with 5,000 findings,
 * rebuilding them on every scrolled frame cost most of the frame).
 */
const PageText = memo(function PageText({ text, from, to, ranges, currentHit, findingById, tagById, onSelectFinding }: PageTextProps) {
  const segments = useMemo(() => splitIntoSegments(from, to, ranges), [from, to, ranges]);
  const colorsOf = (ids: string[]): string[] =>
    ids.flatMap((id) => findingById.get(id)?.tagIds.map((t) => tagById.get(t)?.color ?? '#868e96') ?? []);
  return (
    <>
      {segments.map((s) => {
        const content = text.slice(s.start, s.end);
        const hitIds = s.ids.filter((id) => id.startsWith(HIT)).map((id) => id.slice(HIT.length));
        const ids = s.ids.filter((id) => !id.startsWith(HIT));
        const hitClass = hitIds.length ? (hitIds.includes(String(currentHit)) ? `${classes.hit} ${classes.hitCurrent}` : classes.hit) : undefined;
        if (ids.length === 0 && hitIds.length === 0) {
          return (
            <span key={s.start} data-offset={s.start} data-end={s.end}>
              {content}
            </span>
          );
        }
        if (ids.length === 0) {
          return (
            <mark key={s.start} className={hitClass} data-offset={s.start} data-end={s.end} data-hit={hitIds.join(' ')}>
              {content}
            </mark>
          );
        }
        const first = findingById.get(ids[0]!);
        return (
          <mark
            key={s.start}
            className={hitClass ? `${classes.mark} ${hitClass}` : classes.mark}
            data-offset={s.start}
            data-end={s.end}
            data-ids={ids.join(' ')}
            data-hit={hitIds.length ? hitIds.join(' ') : undefined}
            style={highlightStyle(colorsOf(ids))}
            title={first?.tagIds.map((t) => tagById.get(t)?.name).join(', ')}
            tabIndex={0}
            onClick={() => onSelectFinding(ids[0]!)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onSelectFinding(ids[0]!);
            }}
          >
            {content}
          </mark>
        );
      })}
    </>
  );
});

/** What one page draws: its highlights and their findings. */
interface PageHighlights {
  /** What they are (ids, extents, codes): equal keys draw the same. */
  key: string;
  ranges: HighlightRange[];
  findingById: ReadonlyMap<string, Finding>;
}

/**
 * The highlights on the page from `from` to `to`, as the same object as `previous` when nothing
 * drawn there changed. With thousands of findings, a save or an edit then re-renders only the
 * page it touched: every other page keeps its props, and PageText's memo skips it.
 */
function pageHighlights(previous: PageHighlights | undefined, ranges: readonly HighlightRange[], findingById: ReadonlyMap<string, Finding>, from: number, to: number): PageHighlights {
  const on = ranges.filter((r) => r.end > from && r.start < to);
  const found = new Map<string, Finding>();
  let key = '';
  for (const r of on) {
    key += `${r.id}@${r.start}-${r.end}`;
    const f = findingById.get(r.id);
    if (f) {
      found.set(f.id, f);
      key += `:${f.tagIds.join(',')}`;
    }
    key += ';';
  }
  return previous?.key === key ? previous : { key, ranges: on, findingById: found };
}

/** Scrolls `scroller` by `delta` pixels and says how far it really moved (it stops at either end). */
function scrollBy(scroller: HTMLElement, delta: number): number {
  const before = scroller.scrollTop;
  scroller.scrollTop += delta;
  return scroller.scrollTop - before;
}

/** Scrolls so the character at `offset` inside a text segment sits near the top of its scroller; how far it scrolled. */
function scrollOffsetIntoView(scroller: HTMLElement, segment: HTMLElement, offset: number): number {
  const node = segment.firstChild as globalThis.Text | null;
  let top = segment.getBoundingClientRect().top;
  if (node && node.nodeType === Node.TEXT_NODE) {
    const range = document.createRange();
    const at = Math.min(Math.max(0, offset), node.length);
    range.setStart(node, at);
    range.setEnd(node, Math.min(node.length, at + 1));
    top = range.getBoundingClientRect().top;
  }
  return scrollBy(scroller, top - scroller.getBoundingClientRect().top - 24);
}

/** Scrolls so `el` sits in the middle of its scroller; how far it scrolled. */
function centreInView(scroller: HTMLElement, el: HTMLElement): number {
  const box = el.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  return scrollBy(scroller, box.top + box.height / 2 - (view.top + view.height / 2));
}

/** A first guess of a page's height before it is measured (about 95 characters a line). */
function estimateHeight(s: PageSlice, text: string): number {
  const body = text.slice(s.start, s.end);
  let lines = 0;
  for (const para of body.split('\n')) lines += Math.max(1, Math.ceil(para.length / 95));
  return lines * 26.5 + 70;
}

/** Frames a jump may take to settle before it gives up (the list measures pages as they appear). */
const MAX_SETTLE_FRAMES = 20;

/**
 * The text view of a document: pages of text with findings highlighted; select to tag. Memoised,
 * so it renders when its own props change (or it scrolls), not whenever the window does.
 */
export const Reader = memo(function Reader({
  document: doc,
  text,
  pageStarts,
  jumpTo,
  findings,
  tags,
  selectedFindingId,
  hits = NO_HITS,
  currentHit,
  tagCurrentHit,
  onCreateFinding,
  onSelectFinding,
}: ReaderProps) {
  const contentRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<SelectedRange & { top: number; left: number }>();
  const slices = useMemo(() => pageSlices(text, pageStarts), [text, pageStarts]);
  // Estimated once per text: the virtualiser asks again whenever its measurements change.
  const estimates = useMemo(() => slices.map((s) => estimateHeight(s, text)), [slices, text]);
  // Only the pages near the view are in the DOM: a 400-page report scrolls like a short one.
  const virtual = useVirtualizer({
    count: slices.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (i) => estimates[i]!,
    overscan: 2,
    scrollMargin: listRef.current?.offsetTop ?? 0,
  });
  const jumpToken = useRef(0);
  /**
   * Brings the page holding `offset` into the DOM and calls `place` every frame until the view
   * stops moving. Pages are measured as they appear, which shifts everything below the estimate,
   * and a reader that was hidden a moment ago has no layout yet: one scroll is not enough to land
   * on the right line. `place` finds its element and scrolls to it, returning how far it scrolled
   * (undefined: its element is not there). A newer jump cancels an older one.
   */
  const reveal = useCallback(
    (offset: number, place: (scroller: HTMLElement, first: boolean) => number | undefined) => {
      const index = pageOf(pageStarts, offset) - 1;
      const token = ++jumpToken.current;
      let frames = 0;
      let placed = 0;
      let still = 0;
      const tick = (): void => {
        const scroller = scrollerRef.current;
        if (token !== jumpToken.current || !scroller || ++frames > MAX_SETTLE_FRAMES) return;
        if (scroller.clientHeight > 0 && virtual.getVirtualItems().some((v) => v.index === index)) {
          const moved = place(scroller, placed++ === 0);
          still = moved !== undefined && Math.abs(moved) < 1 ? still + 1 : 0;
          if (still >= 2) return;
        } else if (scroller.clientHeight > 0) {
          virtual.scrollToIndex(index, { align: 'start' });
        }
        requestAnimationFrame(tick);
      };
      tick();
    },
    [virtual, pageStarts],
  );
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const findingById = useMemo(() => new Map(findings.map((f) => [f.id, f])), [findings]);
  // An orphaned finding's text is gone from this version: it is listed, not drawn.
  const ranges = useMemo(
    () => findings.filter((f) => f.anchor?.status !== 'orphaned').map((f) => ({ id: f.id, start: f.position.start, end: f.position.end })),
    [findings],
  );
  const allRanges = useMemo(() => [...ranges, ...hits.map((h, i) => ({ id: `${HIT}${i}`, start: h.start, end: h.end }))], [ranges, hits]);
  // Each page's highlights as drawn last (see pageHighlights). Compared by content, so they stay
  // right across documents; PageText re-renders anyway when its text changes.
  const [drawn] = useState(() => new Map<number, PageHighlights>());

  /** The element of the current find match, when it is in the DOM. */
  const currentHitElement = useCallback(
    () => (currentHit === undefined ? null : contentRef.current?.querySelector<HTMLElement>(`[data-hit~="${currentHit}"]`)),
    [currentHit],
  );

  useEffect(() => {
    if (currentHit === undefined || !hits[currentHit]) return;
    reveal(hits[currentHit].start, (scroller) => {
      const el = currentHitElement();
      return el ? centreInView(scroller, el) : undefined;
    });
  }, [currentHit, hits, reveal, currentHitElement]);

  // "Tag this match" (find bar): the keyboard's way to select a passage, since the text has no caret.
  useEffect(() => {
    if (!tagCurrentHit || currentHit === undefined) return;
    const hit = hits[currentHit];
    const el = currentHitElement();
    const root = contentRef.current;
    if (!hit || !el || !root) return;
    const rect = el.getBoundingClientRect();
    const box = root.getBoundingClientRect();
    setPending({ start: hit.start, end: hit.end, top: rect.bottom - box.top + 8, left: Math.max(0, Math.min(rect.left - box.left, box.width - 370)) });
    // Only a new request opens the popover.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tagCurrentHit]);

  useEffect(() => setPending(undefined), [doc.id]);

  const captureSelection = useCallback(() => {
    const root = contentRef.current;
    if (!root) return;
    const range = readSelection(root, text);
    if (!range) return;
    const rect = window.getSelection()?.getRangeAt(0).getBoundingClientRect();
    const box = root.getBoundingClientRect();
    if (!rect) return;
    const left = Math.max(0, Math.min(rect.left - box.left, box.width - 370));
    setPending({ ...range, top: rect.bottom - box.top + 8, left });
  }, [text]);

  useEffect(() => {
    const f = selectedFindingId ? findingById.get(selectedFindingId) : undefined;
    if (!f || f.anchor?.status === 'orphaned') return;
    reveal(f.position.start, (scroller, first) => {
      const el = contentRef.current?.querySelector<HTMLElement>(`[data-ids~="${CSS.escape(f.id)}"]`);
      if (!el) return undefined;
      if (first) {
        el.classList.remove(classes.flash!);
        void el.offsetWidth;
        el.classList.add(classes.flash!);
      }
      return centreInView(scroller, el);
    });
    // Only a new selection scrolls; edits to the findings list do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedFindingId]);

  useEffect(() => {
    if (!jumpTo) return;
    reveal(jumpTo.offset, (scroller) => {
      const segs = contentRef.current?.querySelectorAll<HTMLElement>('[data-offset]') ?? [];
      for (const el of segs) {
        if (Number(el.dataset.end) <= jumpTo.offset) continue;
        return scrollOffsetIntoView(scroller, el, jumpTo.offset - Number(el.dataset.offset));
      }
      return undefined;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jumpTo]);

  return (
    <div
      ref={scrollerRef}
      className={classes.scroller}
      data-testid="reader"
      // Focusable so the text scrolls with the keyboard even when it has no highlight to focus.
      tabIndex={0}
      role="region"
      aria-label="Document text"
    >
      <div
        ref={contentRef}
        className={classes.content}
        onMouseUp={captureSelection}
        onKeyUp={(e) => {
          if (e.shiftKey) captureSelection();
        }}
      >
        {doc.warnings.length > 0 && (
          <Alert color="yellow" title="Some pages need attention" mb="md">
            {doc.warnings.slice(0, 5).join('; ')}
            {doc.warnings.length > 5 ? ` … and ${doc.warnings.length - 5} more` : ''}
          </Alert>
        )}
        <div ref={listRef} style={{ position: 'relative', height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((item) => {
          const { page, start: from, end: to } = slices[item.index]!;
          const highlights = pageHighlights(drawn.get(page), allRanges, findingById, from, to);
          drawn.set(page, highlights);
          return (
            <section
              key={page}
              ref={virtual.measureElement}
              data-index={item.index}
              className={classes.page}
              aria-label={`Page ${page}`}
              data-page={page}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - virtual.options.scrollMargin}px)` }}
            >
              <span className={classes.pageLabel} aria-hidden="true">
                Page {page}
              </span>
              {to <= from ? (
                <Text c="dimmed" fs="italic" size="sm">
                  No selectable text on this page.
                </Text>
              ) : (
                <PageText
                  text={text}
                  from={from}
                  to={to}
                  ranges={highlights.ranges}
                  // Only a page with find matches draws the current one.
                  currentHit={highlights.key.includes(HIT) ? currentHit : undefined}
                  findingById={highlights.findingById}
                  tagById={tagById}
                  onSelectFinding={onSelectFinding}
                />
              )}
            </section>
          );
        })}
        </div>
        {pending && (
          <SelectionTagger
            key={`${pending.start}-${pending.end}`}
            pending={pending}
            text={text}
            tags={tags}
            onCreateFinding={onCreateFinding}
            onDone={() => setPending(undefined)}
          />
        )}
      </div>
    </div>
  );
});
