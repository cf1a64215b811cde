// The last line of containment: an error nothing else caught (an uncaught exception or an unhandled
// rejection anywhere in the process) is logged and audited, and the gateway goes on serving. Errors
// of one session are contained closer to where they happen (ssh/session.ts); this catches the rest,
// so no single bug in one connection can stop the gateway for everyone.
import type { AuditEvent } from './audit';
import type { Logger } from './logger';

export interface ProcessFailureDeps {
  logger: Logger;
  audit(event: AuditEvent): void;
}

type Source = 'uncaughtException' | 'unhandledRejection';

/** Installs the handlers on `proc`; returns a function that removes them. */
export function containProcessFailures(deps: ProcessFailureDeps, proc: NodeJS.EventEmitter = process): () => void {
  const contain = (source: Source) => (error: unknown) => {
    deps.logger.error({ source, err: error instanceof Error ? error.stack : String(error) }, 'unexpected error contained; the gateway goes on');
    try {
      deps.audit({ type: 'gateway.error', actor: 'gateway', data: { source, error: String(error).slice(0, 500) } });
    } catch (auditError) {
      deps.logger.error({ err: String(auditError) }, 'could not audit an unexpected error');
    }
  };
  const onException = contain('uncaughtException');
  const onRejection = contain('unhandledRejection');
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}
