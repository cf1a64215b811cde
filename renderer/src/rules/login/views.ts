// The login rules' lazy chunk: loaded when the dialog first opens (or at idle).
import './login-rules.css';

export { LoginRulesDialog } from './LoginRulesDialog';
