// The access area's lazy chunk: loaded when one of its dialogs first opens (or at idle).
import './access.css';

export { RequestDialog } from './RequestDialog';
export { MyAccessDialog } from './MyAccessDialog';
export { ApprovalsDialog } from './ApprovalsDialog';
export { GrantsDialog } from './GrantsDialog';
