// The terminal's look, per app theme; keep in step with styles/theme.css.
import type { ITerminalOptions, ITheme } from '@xterm/xterm';
import type { Settings } from '../../../shared/contract/profiles';

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

export const lightTerminalTheme: ITheme = {
  background: '#fbfbfc',
  foreground: '#24292f',
  cursor: '#24292f',
  cursorAccent: '#fbfbfc',
  selectionBackground: '#b6d4fe',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#7d4e00',
  blue: '#0550ae',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#633c01',
  brightBlue: '#218bff',
  brightMagenta: '#a475f9',
  brightCyan: '#3192aa',
  brightWhite: '#8c959f',
};

export { DEFAULT_SETTINGS } from '../../../shared/contract/default-settings';

export function terminalOptionsFor(settings: Settings): ITerminalOptions {
  return {
    fontFamily: settings.fontFamily,
    fontSize: settings.fontSize,
    // Never 0: with no scrollback at all xterm's reflow on resize can throw from its write loop.
    scrollback: Math.max(1, settings.scrollback),
    lineHeight: 1.15,
    cursorBlink: true,
    cursorInactiveStyle: 'outline',
    theme: settings.theme === 'light' ? lightTerminalTheme : darkTerminalTheme,
  };
}
