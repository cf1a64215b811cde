// Every dialog the App shows: the chunk ./lazy.ts loads.
export { ChangedHostKeyDialog, TrustHostKeyDialog } from './HostKeyDialogs';
export { CommandPalette } from './CommandPalette';
export { GatewayPromptDialog } from './GatewayPromptDialog';
export { LinkDialog } from './LinkDialog';
export { PassphraseDialog } from './PassphraseDialog';
export { ProfilesDialog } from './ProfilesDialog';
export { SettingsDialog } from './SettingsDialog';
