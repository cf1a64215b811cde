// The connection's dialogs: one chunk of their own (./lazy).
export { ChangedHostKeyDialog, TrustHostKeyDialog } from './HostKeyDialogs';
export { GatewayPromptDialog } from './GatewayPromptDialog';
export { PassphraseDialog } from './PassphraseDialog';
export { ProfilesDialog } from './ProfilesDialog';
export { ConnectFirstDialog, DisconnectDialog } from './GuardDialogs';
