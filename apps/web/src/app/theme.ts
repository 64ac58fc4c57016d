import {
  createTheme,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/** Madar green; shade 7 (filled buttons) keeps white text above 4.5:1. */
const madar: MantineColorsTuple = [
  '#e6f6f0',
  '#cdeadf',
  '#9dd4bf',
  '#68bd9c',
  '#3ea97f',
  '#229c6d',
  '#0f8a5e',
  '#0b6e4f',
  '#075c41',
  '#034a33',
];

/**
 * Mantine's orange with its two darkest shades darkened. Orange says "needs attention" in text (a case
 * without a worker, an escalated card, a rule applied, a closure awaiting approval), written
 * `c="orange.9"`, and outline variants write their text in shade 8: Mantine's 8 and 9 are 3.6:1 and
 * 4.3:1 on white, under WCAG AA's 4.5:1. These are 5.2:1 and 6.5:1 (4.7 and 5.8 on gray 1).
 * Shades 0–7 (backgrounds, filled buttons) are Mantine's own.
 */
const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#ff922b',
  '#fd7e14',
  '#f76707',
  '#c2410c',
  '#a63a0a',
];

/**
 * Mantine's light, outline and subtle variants write text in shade 6, too pale on white for WCAG AA
 * (4.5:1) with most colours: text is darkened to shade 8 or 9, backgrounds are unchanged.
 */
const accessibleVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  const text = (shade: number) => `var(--mantine-color-${parsed.color}-${shade})`;
  // Shade 9 darkened a quarter: dark enough on the tinted background of the light variant.
  const darkest = `color-mix(in srgb, ${text(9)} 75%, black)`;
  switch (input.variant) {
    case 'light':
      return { ...colors, color: darkest, hoverColor: darkest };
    case 'outline':
      return { ...colors, color: text(8), hoverColor: text(8), border: `1px solid ${text(8)}` };
    case 'subtle':
      return { ...colors, color: text(8), hoverColor: text(9) };
    default:
      return colors;
  }
};

export const theme = createTheme({
  primaryColor: 'madar',
  primaryShade: { light: 7, dark: 5 },
  colors: { madar, orange },
  // Filled components pick black or white text by contrast with their background.
  autoContrast: true,
  luminanceThreshold: 0.3,
  variantColorResolver: accessibleVariants,
  fontFamily: "'Noto Sans Arabic', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: { fontFamily: "'Noto Sans Arabic', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Anchor: { defaultProps: { c: 'madar.8' } },
    // Descriptions under labels are gray 6 by default (3.3:1 on white): gray 7 passes AA.
    InputWrapper: {
      styles: {
        description: { color: 'var(--mantine-color-gray-7)' },
        error: { color: 'var(--mantine-color-red-8)' },
      },
    },
  },
});
