// An audit row's details as a reviewer reads them: `key=value` pairs in the gateway's order, a
// value quoted (JSON) when it holds anything but plain printable characters, so a reason with
// spaces stays one value and control characters never reach the screen. Pure.
const PLAIN = /^[\x21-\x7e]+$/;

export function detailsText(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => `${key}=${typeof value === 'string' && PLAIN.test(value) && !/["=]/.test(value) ? value : JSON.stringify(value)}`)
    .join('  ');
}
