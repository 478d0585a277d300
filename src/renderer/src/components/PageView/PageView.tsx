import { Loader, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TextSpan } from '../../../../shared/ingest/report-types';
import { findingRects, rangeForRects, textOrdered, type PdfRect } from '../../../../shared/model/span-geometry';
import type { Finding, Tag } from '../../../../shared/model/types';
import { SelectionTagger } from '../Reader/TagPopover';
import classes from './PageView.module.css';
import { openPdfForDisplay, TextLayer, type PageViewport, type PDFDocumentProxy } from './pdfjs';

/** Props of {@link PageView}: data in, callbacks out; it never touches storage. */
export interface PageViewProps {
  bytes: Uint8Array;
  /** The clean text (for quotes) and its spans: where each run sits on its page. */
  text: string;
  spans: TextSpan[];
  findings: Finding[];
  tags: Tag[];
  /** Zoom: 1 = 100 %. */
  scale: number;
  /** Scroll to this page when it changes. */
  goTo?: { page: number; seq: number };
  selectedFindingId?: string;
  onPageChange: (page: number) => void;
  onCreateFinding: (range: { start: number; end: number }, tagIds: string[], note: string) => Promise<void>;
  onSelectFinding: (id: string) => void;
}

/** One rectangle of a finding's highlight on a page. */
interface Highlight {
  id: string;
  rect: PdfRect;
  color: string;
}

const NO_HIGHLIGHTS: Highlight[] = [];

interface PageSize {
  width: number;
  height: number;
}

/** The original pages drawn by pdf.js with a selectable text layer, rendered only near the view. */
export function PageView({ bytes, text, spans, findings, tags, scale, goTo, selectedFindingId, onPageChange, onCreateFinding, onSelectFinding }: PageViewProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy>();
  const [error, setError] = useState<string>();
  const [sizes, setSizes] = useState<PageSize[]>([]);
  const [visible, setVisible] = useState<Set<number>>(new Set([1]));
  const [pending, setPending] = useState<{ start: number; end: number; top: number; left: number }>();
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const ordered = useMemo(() => textOrdered(spans), [spans]);
  // Each finding's rectangles grouped by page, once per change: its stored ones when they still
  // agree with its position, else derived from the spans (findingRects). Orphans are not drawn.
  const highlightsByPage = useMemo(() => {
    const byPage = new Map<number, Highlight[]>();
    for (const f of findings) {
      if (f.anchor?.status === 'orphaned') continue;
      const color = tagById.get(f.tagIds[0] ?? '')?.color ?? '#fab005';
      for (const r of findingRects(ordered, f)) {
        let list = byPage.get(r.page);
        if (!list) byPage.set(r.page, (list = []));
        list.push({ id: f.id, rect: r, color });
      }
    }
    return byPage;
  }, [findings, ordered, tagById]);

  useEffect(() => {
    const task = openPdfForDisplay(bytes);
    let alive = true;
    task.promise.then(
      async (d) => {
        // Page sizes up front so the scroll height is right before anything is drawn.
        const first = await d.getPage(1);
        const v = first.getViewport({ scale: 1 });
        const all: PageSize[] = Array.from({ length: d.numPages }, () => ({ width: v.width, height: v.height }));
        if (alive) {
          setSizes(all);
          setDoc(d);
        }
      },
      (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
      void task.destroy();
    };
  }, [bytes]);

  // Track which pages are near the view: only those are drawn.
  useEffect(() => {
    const root = scrollerRef.current;
    if (!root || !doc) return;
    const io = new IntersectionObserver(
      (entries) =>
        setVisible((prev) => {
          const next = new Set(prev);
          for (const e of entries) {
            const n = Number((e.target as HTMLElement).dataset.page);
            if (e.isIntersecting) next.add(n);
            else next.delete(n);
          }
          return next;
        }),
      { root, rootMargin: '100% 0px' },
    );
    root.querySelectorAll('[data-page]').forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [doc, sizes.length, scale]);

  useEffect(() => {
    if (visible.size > 0) onPageChange(Math.min(...visible));
  }, [visible, onPageChange]);

  useEffect(() => {
    if (!goTo) return;
    scrollerRef.current?.querySelector(`[data-page="${goTo.page}"]`)?.scrollIntoView({ block: 'start' });
  }, [goTo]);

  useEffect(() => {
    const f = findings.find((x) => x.id === selectedFindingId);
    if (!f) return;
    const page = findingRects(ordered, f)[0]?.page;
    if (page) scrollerRef.current?.querySelector(`[data-page="${page}"]`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [selectedFindingId, findings, ordered]);

  /** Turns the window selection inside the pages into clean-text offsets. */
  const captureSelection = useCallback(() => {
    const sel = window.getSelection();
    const root = scrollerRef.current;
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !root || !doc) return;
    const range = sel.getRangeAt(0);
    const byPage = new Map<number, PdfRect[]>();
    for (const r of Array.from(range.getClientRects())) {
      const pageEl = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2).find((el) => el instanceof HTMLElement && el.dataset.page) as HTMLElement | undefined;
      if (!pageEl) continue;
      const n = Number(pageEl.dataset.page);
      const box = pageEl.getBoundingClientRect();
      const size = sizes[n - 1];
      if (!size) continue;
      // Viewport pixels (origin top-left) to PDF user space (origin bottom-left).
      const s = box.width / size.width;
      const rect: PdfRect = { x: (r.left - box.left) / s, y: size.height - (r.bottom - box.top) / s, width: r.width / s, height: r.height / s };
      byPage.set(n, [...(byPage.get(n) ?? []), rect]);
    }
    let start = Infinity;
    let end = -Infinity;
    for (const [n, rects] of byPage) {
      const got = rangeForRects(spans, n, rects);
      if (got) {
        start = Math.min(start, got.start);
        end = Math.max(end, got.end);
      }
    }
    if (!Number.isFinite(start) || end <= start) return;
    const last = range.getBoundingClientRect();
    const rootBox = root.getBoundingClientRect();
    setPending({ start, end, top: last.bottom - rootBox.top + root.scrollTop + 8, left: Math.max(8, last.left - rootBox.left + root.scrollLeft) });
  }, [doc, sizes, spans]);

  if (error) return <Text c="red" p="md">The page view could not open this PDF: {error}</Text>;
  if (!doc) return <Loader m="md" aria-label="Opening pages" />;

  return (
    <div
      ref={scrollerRef}
      className={classes.scroller}
      data-testid="page-view"
      // Focusable so the pages scroll with the keyboard even where a page has no text to focus.
      tabIndex={0}
      role="region"
      aria-label="Document pages"
      onMouseUp={captureSelection}
    >
      <div className={classes.pages}>
        {sizes.map((size, i) => (
          <PdfPage
            key={i + 1}
            doc={doc}
            page={i + 1}
            size={size}
            scale={scale}
            drawn={visible.has(i + 1)}
            highlights={highlightsByPage.get(i + 1) ?? NO_HIGHLIGHTS}
            onClickPoint={(x, y) => {
              if (!window.getSelection()?.isCollapsed) return;
              const hit = (highlightsByPage.get(i + 1) ?? []).find(({ rect: r }) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height);
              if (hit) onSelectFinding(hit.id);
            }}
          />
        ))}
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
}

interface PdfPageProps {
  doc: PDFDocumentProxy;
  page: number;
  size: PageSize;
  scale: number;
  drawn: boolean;
  highlights: Highlight[];
  onClickPoint: (x: number, y: number) => void;
}

/** One page: a placeholder of the right size, drawn (canvas + text layer) only while near the view. */
function PdfPage({ doc, page, size, scale, drawn, highlights, onClickPoint }: PdfPageProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<PageViewport>();

  useEffect(() => {
    if (!drawn) return;
    let cancelled = false;
    let cleanup = (): void => {};
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvasRef.current || !textRef.current) return;
      const vp = p.getViewport({ scale });
      setViewport(vp);
      const ratio = window.devicePixelRatio || 1;
      const canvas = canvasRef.current;
      canvas.width = Math.floor(vp.width * ratio);
      canvas.height = Math.floor(vp.height * ratio);
      canvas.style.width = `${vp.width}px`;
      canvas.style.height = `${vp.height}px`;
      const task = p.render({ canvas, viewport: vp, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
      const container = textRef.current;
      container.replaceChildren();
      container.style.setProperty('--total-scale-factor', String(scale));
      const layer = new TextLayer({ textContentSource: p.streamTextContent(), container, viewport: vp });
      void layer.render().catch(() => {});
      task.promise.catch(() => {});
      cleanup = () => {
        task.cancel();
        layer.cancel();
      };
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [doc, page, scale, drawn]);

  const width = size.width * scale;
  const height = size.height * scale;
  return (
    <div
      className={classes.page}
      data-page={page}
      aria-label={`Page ${page}`}
      role="region"
      style={{ width, height }}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        onClickPoint((e.clientX - box.left) / scale, size.height - (e.clientY - box.top) / scale);
      }}
    >
      <span className={classes.pageNumber}>Page {page}</span>
      {drawn && (
        <>
          <canvas ref={canvasRef} aria-hidden="true" />
          <div ref={textRef} className="textLayer" />
          <div className={classes.highlights} aria-hidden="true">
            {viewport &&
              highlights.map((h, i) => (
                <div
                  key={`${h.id}-${i}`}
                  className={classes.highlight}
                  data-finding={h.id}
                  style={{
                    left: h.rect.x * scale,
                    top: (size.height - h.rect.y - h.rect.height) * scale,
                    width: h.rect.width * scale,
                    height: h.rect.height * scale,
                    backgroundColor: `color-mix(in srgb, ${h.color} 40%, transparent)`,
                  }}
                />
              ))}
          </div>
        </>
      )}
    </div>
  );
}
