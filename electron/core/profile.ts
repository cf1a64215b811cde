// A gateway profile: where the gateway is, who we are there, and the gateway's pinned host key.
// Issue 2 takes it from a JSON file (`--profile FILE`); a later issue keeps profiles in SQLite.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../shared/rpc/protocol';

export const GatewayProfileSchema = z
  .object({
    name: z.string().min(1).max(100),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    user: z.string().min(1).max(64),
    /** The user's private key (OpenSSH or PEM text). */
    privateKey: z.string().min(1),
    /** The gateway's public host key, one OpenSSH line (`ssh-ed25519 AAAA… [comment]`). */
    hostKey: z.string().min(1),
  })
  .strict();
export type GatewayProfile = z.infer<typeof GatewayProfileSchema>;

/** On disk the key may be given inline or as a file next to the profile (so no secret is copied). */
const ProfileFileSchema = GatewayProfileSchema.omit({ privateKey: true })
  .extend({ privateKey: z.string().min(1).optional(), privateKeyFile: z.string().min(1).optional() })
  .strict()
  .refine((p) => (p.privateKey === undefined) !== (p.privateKeyFile === undefined), 'give exactly one of privateKey or privateKeyFile');

export async function loadProfileFile(file: string): Promise<GatewayProfile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the gateway profile ${file}: ${(error as Error).message}`);
  }
  const parsed = ProfileFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the gateway profile ${file} is invalid: ${describeZodError(parsed.error)}`);
  const { privateKeyFile, privateKey, ...rest } = parsed.data;
  const key = privateKey ?? (await readFile(resolve(dirname(file), privateKeyFile!), 'utf8'));
  return { ...rest, privateKey: key };
}

/** `--profile FILE` or `--profile=FILE` from a command line; null when absent. */
export function profileArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--profile') return argv[i + 1] ?? null;
    if (arg.startsWith('--profile=')) return arg.slice('--profile='.length) || null;
  }
  return null;
}
