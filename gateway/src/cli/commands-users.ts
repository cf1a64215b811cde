// CLI commands for users themselves: user list, user key add|remove|list, user role set, user
// remove. Registered from program.ts under `user`; every change is audited with the CLI's actor.
import type { Command, Option } from 'commander';
import { createUserAdmin, type UserAdmin } from '../auth/user-admin';
import type { UserRecord } from '../store';
import type { CliIo } from './cli-io';
import { cliActor } from './commands-auth';
import { openCliStore } from './open-store';
import { keyFilesOption, readKeyFiles } from './read-file';
import { terminalText } from './terminal-text';

/** Every user-supplied string these commands print goes through here (visible escapes, terminal-text.ts). */
export const shown = (text: string): string => terminalText(text);

/** What `user add` says when the user has no key yet. */
export const keyHint = (name: string) => `${shown(name)} cannot log in yet: add a key with  portcullis-gateway user key add ${shown(name)} --key FILE`;

function status(u: UserRecord, now = Date.now()): string {
  if (u.removed) return 'removed';
  if (u.disabled) return 'disabled';
  if (u.lockedUntil !== null && u.lockedUntil > now) return 'locked';
  return 'active';
}

interface Helpers {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

export function registerUserCommands(user: Command, io: CliIo, { dataOption, dataDir }: Helpers): void {
  const withUsers = <T>(opts: { data?: string }, fn: (admin: UserAdmin) => T): T => {
    const store = openCliStore(dataDir(opts), io.env);
    try {
      return fn(createUserAdmin(store, cliActor()));
    } finally {
      store.close();
    }
  };

  user
    .command('list')
    .description('every user with roles, status (active, disabled, locked, removed), key count and TOTP')
    .addOption(dataOption())
    .option('--json', 'one JSON object per line')
    .action((opts: { data?: string; json?: boolean }) =>
      withUsers(opts, (admin) => {
        for (const u of admin.list()) {
          const keys = admin.keys(u.name).length;
          const row = { name: u.name, roles: u.roles, status: status(u), keys, totp: u.totp };
          io.out(opts.json ? JSON.stringify(row) : `${shown(u.name)}  ${u.roles.join(',') || '(no role)'}  ${row.status}  ${keys} key(s)${u.totp ? '  totp' : ''}`);
        }
      }),
    );

  const key = user.command('key').description("a user's SSH public keys (one key belongs to one user only)");
  key
    .command('add <name>')
    .description('add public key(s) the user logs in with')
    .addOption(dataOption())
    .addOption(keyFilesOption().makeOptionMandatory())
    .action((name: string, opts: { data?: string; key: string[] }) =>
      withUsers(opts, (admin) => {
        const added = admin.addKeys(name, readKeyFiles(opts.key));
        io.out(`added ${added.length} key(s) to ${shown(name)}`);
        for (const fp of added) io.out(`  ${fp}`);
      }),
    );
  key
    .command('remove <name> <fingerprint>')
    .description('remove a key (its SHA256:… fingerprint, as `user key list` shows it)')
    .addOption(dataOption())
    .action((name: string, fingerprint: string, opts: { data?: string }) =>
      withUsers(opts, (admin) => (admin.removeKey(name, fingerprint), io.out(`removed the key ${shown(fingerprint)} from ${shown(name)}`))),
    );
  key
    .command('list <name>')
    .description("the user's keys: fingerprint and key")
    .addOption(dataOption())
    .option('--json', 'one JSON object per line')
    .action((name: string, opts: { data?: string; json?: boolean }) =>
      withUsers(opts, (admin) => {
        for (const k of admin.keys(name)) io.out(opts.json ? JSON.stringify({ fingerprint: k.fingerprint, publicKey: k.publicKey }) : `${k.fingerprint}  ${shown(k.publicKey)}`);
      }),
    );

  user
    .command('role')
    .description("a user's roles")
    .command('set <name> <roles...>')
    .description('replace the roles: admin, security, operator (several allowed), or none; counts from the next API request')
    .addOption(dataOption())
    .action((name: string, roles: string[], opts: { data?: string }) =>
      withUsers(opts, (admin) => {
        const set = admin.setRoles(name, roles.length === 1 && roles[0] === 'none' ? [] : roles);
        io.out(`${shown(name)} now has ${set.roles.length ? `the roles ${set.roles.join(', ')}` : 'no role'}`);
      }),
    );

  user
    .command('remove <name>')
    .description('remove a user: ends their live sessions, drops keys, TOTP, grants and groups; keeps the name and their history')
    .addOption(dataOption())
    .action((name: string, opts: { data?: string }) =>
      withUsers(opts, (admin) => (admin.remove(name), io.out(`removed ${shown(name)}; their sessions, commands and audit entries stay readable`))),
    );
}
