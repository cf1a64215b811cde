// The live area's lazy chunk: the view, its terminal (xterm) and the styles of the wide view
// dialogs (the audit area's too), loaded when first opened or at idle — never when the registry
// is read (the README's shortcut table reads it in Node).
import './live.css';

export { LiveSessionsDialog } from './LiveSessionsDialog';
export { ViewDialog } from './ViewDialog';
