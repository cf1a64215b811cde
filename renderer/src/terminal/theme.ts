// The terminal's look; keep in step with styles/theme.css. One place, so themes can come later.
import type { ITerminalOptions, ITheme } from '@xterm/xterm';

export const darkTerminalTheme: ITheme = {
  background: '#14161b',
  foreground: '#d4d7dd',
  cursor: '#e6e8ec',
  cursorAccent: '#14161b',
  selectionBackground: '#3a4a6b',
  black: '#1d2027',
  red: '#f0616d',
  green: '#7ec699',
  yellow: '#e5c07b',
  blue: '#6ea8fe',
  magenta: '#c792ea',
  cyan: '#56c8d8',
  white: '#d4d7dd',
  brightBlack: '#5c6370',
  brightRed: '#ff7a85',
  brightGreen: '#98d8ab',
  brightYellow: '#f2d399',
  brightBlue: '#8fbcff',
  brightMagenta: '#d9adf5',
  brightCyan: '#7fdce8',
  brightWhite: '#f5f6f8',
};

export const terminalOptions: ITerminalOptions = {
  fontFamily: '"JetBrains Mono", "Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
  fontSize: 13,
  lineHeight: 1.15,
  scrollback: 10_000,
  cursorBlink: true,
  cursorInactiveStyle: 'outline',
  theme: darkTerminalTheme,
};
