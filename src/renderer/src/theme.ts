import {
  createTheme,
  defaultVariantColorsResolver,
  Drawer,
  Menu,
  Modal,
  NavLink,
  Notification,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/** System fonts to fall back on while Inter loads, or if it ever cannot. */
const SYSTEM_SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * Codes carry any colour the analyst picks (hex). Mantine draws a "light" badge or chip in such a
 * colour as the colour itself on a 10% tint of it, which is unreadable for most colours (green
 * #2f9e44 is 3:1). The text keeps the hue but is mixed towards black (light scheme) or white
 * (dark scheme) far enough to pass 4.5:1 for any colour, white and black included.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' || !input.color || parseThemeColor({ color: input.color, theme: input.theme }).isThemeColor) return colors;
  return {
    ...colors,
    color: `light-dark(color-mix(in srgb, ${input.color} 45%, black), color-mix(in srgb, ${input.color} 40%, white))`,
  };
};

/**
 * The app's Mantine theme. The UI font is Inter, bundled with the app (@fontsource-variable/inter,
 * imported in main.tsx) so nothing is fetched; system fonts are the fallback.
 *
 * Contrast: filled controls use shade 8 in both colour schemes, so white text on them meets
 * WCAG AA (4.5:1) for every palette colour the app uses (shade 6, Mantine's light default, does not).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: `"Inter Variable", ${SYSTEM_SANS}`,
  headings: { fontFamily: `"Inter Variable", ${SYSTEM_SANS}` },
  defaultRadius: 'sm',
  variantColorResolver,
  // Mantine's close buttons are icons without a name; give every dialog's and notice's one.
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // An open menu focuses its first item (the ARIA menu pattern) instead of a focusable
    // role="presentation" placeholder, which axe rejects inside role="menu".
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // The active document's description is faded to 90% by default, which drops it below 4.5:1.
    NavLink: NavLink.extend({ styles: { description: { opacity: 1 } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } }),
  },
});

/**
 * Mantine's light-scheme text in these palette colours is below 4.5:1 on white or on the colour's
 * own light tint (yellow 9 on yellow 1 is 2.7:1, green 3.8:1): light badges and alert titles,
 * outline badges and `c="green"` text. In the light scheme each is drawn in its shade 9 mixed
 * 30% towards black, which keeps the hue and passes (yellow 5:1). Dark-scheme shades are fine.
 */
const WEAK_IN_LIGHT = ['cyan', 'teal', 'green', 'lime', 'yellow', 'orange'];

/**
 * Mantine's "dimmed" text (gray 6 on white, dark 2 on dark 7) is below 4.5:1; the app uses it for
 * secondary text everywhere, so it is one shade stronger in each scheme.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      WEAK_IN_LIGHT.flatMap((c) => {
        const readable = `color-mix(in srgb, var(--mantine-color-${c}-9) 70%, black)`;
        return [`light-color`, `outline`, `text`].map((v) => [`--mantine-color-${c}-${v}`, readable]);
      }),
    ),
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
