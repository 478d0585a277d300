import { NavLink, Stack, Text, Title } from '@mantine/core';
import { memo } from 'react';
import type { ReportStructure } from '../../../../shared/ingest/report-types';
import { SECTION_LABELS } from '../../../../shared/model/section-labels';

/** Props of {@link Outline}. */
export interface OutlineProps {
  structure: ReportStructure;
  /** Scrolls the reader to an offset of the document text. */
  onJump: (offset: number) => void;
}


/**
 * The document's outline: country → section for TIP reports, its headings otherwise. Memoised:
 * a report has hundreds of entries, and the window re-renders for reasons that do not touch them.
 */
export const Outline = memo(function Outline({ structure, onJump }: OutlineProps) {
  const { countries, outline } = structure;
  if (countries.length === 0 && outline.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No headings found in this document.
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      <Title order={2} size="h6" c="dimmed" tt="uppercase">
        Outline
      </Title>
      <nav aria-label="Outline">
        {countries.length > 0
          ? countries.map((c) => (
              <NavLink
                key={`${c.name}-${c.start}`}
                component="button"
                label={c.name}
                defaultOpened={countries.length <= 3}
                // Sections exist only while their country is open. Mantine keeps closed children mounted
                // in a hidden <Activity>, which React renders at idle priority: with 190 countries that
                // is ~1,300 links rendered in the background, again and again while the reader scrolls
                // (the long frames of the 5,000-findings scroll bench).
                keepMounted={false}
                onClick={() => onJump(c.start)}
                description={c.inferred ? 'inferred from the text' : (c.tier ?? undefined)}
                title={c.inferred ? 'The document begins inside this narrative; the country was inferred from the text.' : undefined}
              >
                {c.sections.map((s) => (
                  <NavLink key={`${s.kind}-${s.start}`} component="button" label={SECTION_LABELS[s.kind]} onClick={() => onJump(s.start)} />
                ))}
              </NavLink>
            ))
          : outline.map((h) => (
              <NavLink key={h.start} component="button" label={h.title} pl={`${(h.level - 1) * 12 + 8}px`} onClick={() => onJump(h.start)} />
            ))}
      </nav>
    </Stack>
  );
});
