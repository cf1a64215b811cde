// The batch area's lazy chunk: loaded when a batch dialog or job first opens (or at idle).
import './batch.css';

export { RunDialog } from './RunDialog';
export { JobView } from './JobView';
export { HistoryDialog } from './HistoryDialog';
