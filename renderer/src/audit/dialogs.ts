// The audit area's lazy chunk: the view loads when first opened or at idle.
export { AuditDialog } from './AuditDialog';
