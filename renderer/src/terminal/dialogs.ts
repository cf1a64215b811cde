// The terminal area's dialogs: one chunk of their own (./lazy).
export { LinkDialog } from './LinkDialog';
export { SettingsDialog } from './SettingsDialog';
