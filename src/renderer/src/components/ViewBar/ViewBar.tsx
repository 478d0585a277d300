import { ActionIcon, Group, NumberInput, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconZoomIn, IconZoomOut } from '@tabler/icons-react';

/** Which view of a document the reader shows. */
export type ViewMode = 'text' | 'page';

/** Props of {@link ViewBar}. */
export interface ViewBarProps {
  view: ViewMode;
  /** Only PDFs have pages to draw. */
  canShowPages: boolean;
  onView: (view: ViewMode) => void;
  zoom: number;
  onZoom: (zoom: number) => void;
  page: number;
  pageCount: number;
  onGoToPage: (page: number) => void;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** The reader's toolbar: text or page view, zoom, go to page. */
export function ViewBar({ view, canShowPages, onView, zoom, onZoom, page, pageCount, onGoToPage }: ViewBarProps) {
  const step = (dir: 1 | -1): void => {
    const i = ZOOMS.findIndex((z) => z >= zoom - 1e-6);
    onZoom(ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (i < 0 ? ZOOMS.length - 1 : i) + dir))]!);
  };
  return (
    <Group justify="space-between" px="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} wrap="nowrap">
      <SegmentedControl
        size="xs"
        value={view}
        onChange={(v) => onView(v as ViewMode)}
        data={[
          { label: 'Text', value: 'text' },
          { label: 'Pages', value: 'page', disabled: !canShowPages },
        ]}
        aria-label="Document view"
      />
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          Page
        </Text>
        <NumberInput
          size="xs"
          w={72}
          min={1}
          max={pageCount}
          value={page}
          aria-label="Go to page"
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            const n = Number((e.target as HTMLInputElement).value);
            if (Number.isInteger(n) && n >= 1 && n <= pageCount) onGoToPage(n);
          }}
        />
        <Text size="xs" c="dimmed">
          of {pageCount}
        </Text>
        {view === 'page' && (
          <>
            <Tooltip label="Zoom out">
              <ActionIcon variant="default" size="sm" onClick={() => step(-1)} aria-label="Zoom out">
                <IconZoomOut size={14} />
              </ActionIcon>
            </Tooltip>
            <Text size="xs" w={40} ta="center">
              {Math.round(zoom * 100)}%
            </Text>
            <Tooltip label="Zoom in">
              <ActionIcon variant="default" size="sm" onClick={() => step(1)} aria-label="Zoom in">
                <IconZoomIn size={14} />
              </ActionIcon>
            </Tooltip>
          </>
        )}
      </Group>
    </Group>
  );
}
