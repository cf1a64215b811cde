// The settings a user has before saving any: the client store answers settings.get with them, and
// the renderer draws with them until that answer arrives. One definition, so both agree.
import type { Settings } from './profiles';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  theme: 'dark',
  fontFamily: '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  fontSize: 13,
  scrollback: 10_000,
  language: 'auto',
  copyOnSelect: false,
  fontZoom: 'pane',
});
