// The directory area's lazy chunk: loaded when "Users and hosts…" first opens (or at idle).
import './directory.css';

export { DirectoryDialog } from './DirectoryDialog';
