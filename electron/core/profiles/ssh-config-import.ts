// Gateway profiles from ~/.ssh/config: each concrete Host alias becomes a profile with the
// effective HostName, Port, User and IdentityFile (what `ssh alias` would use, including `Host *`
// defaults). Wildcard patterns name no single machine and are skipped with a reason; aliases that
// are already profiles (same name, or same user@host:port) are not added twice.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { ProfileInputSchema, toFieldIssues, type FieldIssue, type Profile, type ProfileInput } from '../../../shared/contract/profiles';
import { describeZodError } from '../../../shared/rpc/protocol';
import { expandHome } from './profile-auth';

export interface SshConfigImport {
  profiles: ProfileInput[];
  /** `issues`: what made the entry unusable, for the renderer to word per field. */
  skipped: Array<{ host: string; reason: string; issues?: FieldIssue[] }>;
}

export async function readSshConfig(home: string, existing: readonly Profile[]): Promise<SshConfigImport> {
  const file = join(home, '.ssh', 'config');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], skipped: [{ host: file, reason: 'there is no ssh config file' }] };
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  return profilesFromSshConfig(text, home, existing);
}

export function profilesFromSshConfig(text: string, home: string, existing: readonly Profile[]): SshConfigImport {
  const config = SSHConfig.parse(text);
  const result: SshConfigImport = { profiles: [], skipped: [] };
  const taken = new Set(existing.map((p) => p.name));
  const endpoints = new Set(existing.map((p) => `${p.user}@${p.host}:${p.port}`));
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const aliases = typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val);
    for (const alias of aliases.filter(Boolean)) {
      if (/[*?!]/.test(alias)) {
        result.skipped.push({ host: alias, reason: 'a wildcard pattern names no single gateway' });
        continue;
      }
      const computed = config.compute(alias);
      const identity = first(computed.IdentityFile);
      const input = {
        name: alias,
        host: first(computed.HostName) ?? alias,
        port: Number(first(computed.Port) ?? 22),
        user: first(computed.User) ?? userInfo().username,
        auth: identity ? { kind: 'key' as const, keyFile: expandHome(identity.replace(/%d/g, home), home) } : { kind: 'agent' as const },
        rememberPassphrase: false,
      };
      const parsed = ProfileInputSchema.safeParse(input);
      if (!parsed.success) {
        result.skipped.push({ host: alias, reason: `not usable as a gateway profile: ${describeZodError(parsed.error)}`, issues: toFieldIssues(parsed.error.issues) });
        continue;
      }
      const endpoint = `${input.user}@${input.host}:${input.port}`;
      if (taken.has(alias) || endpoints.has(endpoint)) {
        result.skipped.push({ host: alias, reason: 'already a profile' });
        continue;
      }
      taken.add(alias);
      endpoints.add(endpoint);
      result.profiles.push(parsed.data);
    }
  }
  return result;
}
