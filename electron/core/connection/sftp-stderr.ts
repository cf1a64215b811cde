// ssh2 (1.17, pinned) gives an SFTP channel a stand-in stderr that drops what arrives
// (lib/protocol/SFTP.js, `fakeStderr`), yet the gateway says why it refused a file session on that
// channel's stderr (its refusal marker, shared/contract/refusal.ts). This hands each SFTP channel of
// one ssh2 Client a stderr that passes its bytes to `sink`, at the moment ssh2 creates the channel
// object (ChannelManager.update, where the opening callback of type 'sftp' is replaced by it), so
// nothing sent with the open confirmation is missed. Private API: the file panel's tests against a
// real gateway fail if an ssh2 upgrade moves it, and `installed` is false when the hook cannot be set.
import type { Client } from 'ssh2';

interface ChannelManager {
  get(id: number): unknown;
  update(id: number, value: unknown): void;
}

const hooked = new WeakSet<Client>();

export function captureSftpStderr(ssh: Client, sink: (chunk: Buffer) => void): { installed: boolean } {
  if (hooked.has(ssh)) return { installed: true };
  const manager = (ssh as unknown as { _chanMgr?: ChannelManager })._chanMgr;
  if (!manager || typeof manager.update !== 'function' || typeof manager.get !== 'function') return { installed: false };
  const update = manager.update.bind(manager);
  manager.update = (id, value) => {
    const opening = manager.get(id);
    if (typeof opening === 'function' && (opening as { type?: unknown }).type === 'sftp' && value && typeof value === 'object') {
      (value as { stderr: unknown }).stderr = stderrSink(sink);
    }
    update(id, value);
  };
  hooked.add(ssh);
  return { installed: true };
}

/** The shape ssh2 expects of an SFTP channel's stderr (it only pushes into it). */
function stderrSink(sink: (chunk: Buffer) => void) {
  const noop = () => {};
  return {
    readable: true,
    writable: false,
    push(data: Buffer | null) {
      if (data) sink(data);
      return true; // never backpressure: the window is adjusted as for any channel
    },
    once: noop,
    on: noop,
    emit: noop,
    end: noop,
  };
}
