// The inventory area's lazy chunk: loaded when its dialog first opens.
import './inventory.css';

export { ImportDialog } from './ImportDialog';
