// What a user is shown of the gateway's inventory. Pure schemas, shared by every side.
import { z } from 'zod';

// One source for these rules: the schemas below and the host list's fast path (isExactHost).
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const LOGIN_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** Host names: what users type in `ssh alice:root@NAME@bastion`, so no '@', ':' or spaces. */
export const HostNameSchema = z.string().min(1).max(253).regex(HOST_NAME, 'letters, digits, ".", "_" and "-" only');

/** Login accounts on targets (POSIX-ish user names). */
export const LoginNameSchema = z.string().min(1).max(64).regex(LOGIN_NAME, 'a login account name');

/** One path in the machine/service tree, outermost first: team › business line › service › module. */
export const TreePathSchema = z.array(z.string().min(1).max(100)).max(8);

export const HostSchema = z.object({
  name: HostNameSchema,
  address: z.string(),
  /** A host may sit in several nodes of the tree. */
  nodes: z.array(TreePathSchema),
  tags: z.record(z.string(), z.string()),
  /** Login accounts this user may use on this host. */
  logins: z.array(LoginNameSchema),
  /** When this user's access to the host ends (ms since epoch); null when no grant ends it. */
  accessUntil: z.number().int().nullable().optional(),
});
export type Host = z.infer<typeof HostSchema>;

/**
 * The host list as it crosses a boundary (gateway → main side → renderer). Same rules and same
 * output as `z.array(HostSchema)`, but a list of exactly-shaped hosts (plain objects with only the
 * known keys, the common case) is checked by `isExactHostList` and passed through as is: zod (jitless
 * under the renderer's CSP) took several times JSON.parse's time for 50k hosts. Anything else
 * (extra keys to strip, a mistake to report) goes through zod, so errors read as before.
 */
const FullHostListSchema = z.array(HostSchema);
export const HostListSchema = z
  .custom<Host[]>((value) => Array.isArray(value), { error: 'expected an array of hosts' })
  .transform((list, ctx): Host[] => {
    if (isExactHostList(list)) return list;
    const full = FullHostListSchema.safeParse(list);
    if (full.success) return full.data;
    for (const issue of full.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });

const HOST_KEYS = new Set(['name', 'address', 'nodes', 'tags', 'logins', 'accessUntil']);

/**
 * True when every element is a host HostSchema accepts *and would return unchanged*: plain
 * objects (JSON's), no unknown keys, no `__proto__` keys. False means "ask zod", never "invalid".
 * Kept equal to HostSchema by inventory.test.ts (random hosts and mutations, both ways).
 */
export function isExactHostList(list: readonly unknown[]): list is Host[] {
  for (const item of list) if (!isExactHost(item)) return false;
  return true;
}

/** HostNameSchema's rule without zod, for checks of many names at once. */
export function isHostName(name: string): boolean {
  return name.length <= 253 && HOST_NAME.test(name);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isExactHost(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!HOST_KEYS.has(key)) return false;
  const { name, address, nodes, tags, logins, accessUntil } = value;
  if (typeof name !== 'string' || !isHostName(name)) return false;
  if (typeof address !== 'string') return false;
  if (!Array.isArray(nodes)) return false;
  for (const path of nodes) {
    if (!Array.isArray(path) || path.length > 8) return false;
    for (const segment of path) if (typeof segment !== 'string' || segment.length < 1 || segment.length > 100) return false;
  }
  if (!isPlainObject(tags)) return false;
  for (const key of Object.keys(tags)) if (key === '__proto__' || typeof tags[key] !== 'string') return false;
  if (!Array.isArray(logins)) return false;
  for (const login of logins) if (typeof login !== 'string' || login.length > 64 || !LOGIN_NAME.test(login)) return false;
  return accessUntil === undefined ? !('accessUntil' in value) : accessUntil === null || Number.isSafeInteger(accessUntil);
}
