// Target addresses are stored as `host:port` (IPv6 in brackets: `[::1]:22`).

export interface Address {
  host: string;
  port: number;
}

const ADDRESS = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9][A-Za-z0-9.-]*)):(\d{1,5})$/;

/**
 * Returns null when `text` is not `host:port` with a port in 1..65535 (0 too with `allowPortZero`,
 * for listening on a free port).
 */
export function parseAddress(text: string, { allowPortZero = false } = {}): Address | null {
  const m = ADDRESS.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < (allowPortZero ? 0 : 1) || port > 65535) return null;
  return { host: m[1] ?? m[2]!, port };
}

export function formatAddress({ host, port }: Address): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
