// Reads the start of a terminal channel's stderr for the gateway's refusal marker
// (shared/contract/refusal.ts): holds stderr back while it could still be the marker line, then
// passes on everything but that line. Byte counts are passed on whole, so flow control's
// acknowledgements still add up to what was received.
import { scanRefusalMarker, type LoginRuleRefusal, type RefusalReason } from '../../../shared/contract/refusal';

export interface RefusalReaderHandlers {
  onData(data: string, bytes: number): void;
  onRefusal(reason: RefusalReason, loginRule?: LoginRuleRefusal): void;
}

export interface RefusalReader {
  /** Decoded stderr text and the raw bytes it came from. */
  stderr(text: string, bytes: number): void;
  /** Anything else arrived (stdout, the end): what is held back is not a marker. */
  settle(): void;
}

export function createRefusalReader(tag: string, handlers: RefusalReaderHandlers): RefusalReader {
  let scanning = true;
  let held = '';
  let heldBytes = 0;
  const release = (text: string) => {
    scanning = false;
    const bytes = heldBytes;
    held = '';
    heldBytes = 0;
    if (text || bytes) handlers.onData(text, bytes);
  };
  return {
    stderr(text, bytes) {
      if (!scanning) return handlers.onData(text, bytes);
      held += text;
      heldBytes += bytes;
      const scan = scanRefusalMarker(held, tag);
      if (scan === 'incomplete') return;
      if (scan === 'none') return release(held);
      handlers.onRefusal(scan.reason, scan.loginRule);
      release(scan.rest);
    },
    settle() {
      if (scanning) release(held);
    },
  };
}
