// The command rules area's lazy chunk: loaded when the screen first opens (or at idle).
import './command-rules.css';

export { CommandRulesDialog } from './CommandRulesDialog';
