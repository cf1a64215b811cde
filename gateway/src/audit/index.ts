export { createAuditLog, type AuditLog, type AuditEvent, type AuditEventType, type AuditEntry, type VerifyResult } from './log';
export { GENESIS_HASH, chainHash, canonicalContent } from './chain';
export { forwardHistory, recoverInterruptedForwards, INTERRUPTED_FORWARD_REASON, type ForwardRecord } from './forwards';
