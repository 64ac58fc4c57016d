import { createTheme, type MantineColorsTuple } from '@mantine/core';

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

export const theme = createTheme({
  primaryColor: 'madar',
  primaryShade: { light: 7, dark: 5 },
  colors: { madar },
  fontFamily: "'Noto Sans Arabic', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: { fontFamily: "'Noto Sans Arabic', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Anchor: { defaultProps: { c: 'madar.8' } },
  },
});
