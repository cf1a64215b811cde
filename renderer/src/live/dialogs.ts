// The live area's lazy chunk: the view and its terminal (xterm) load when first opened or at idle.
export { LiveSessionsDialog } from './LiveSessionsDialog';
