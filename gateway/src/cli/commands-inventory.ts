// CLI commands for the inventory as a whole: `inventory import`, `host list`, `host edit`.
// Registered from program.ts (`host` already holds add and pin-key); changes are audited with the
// CLI's actor.
import { Option, type Command } from 'commander';
import { editHost, importInventory, removeHost, INVENTORY_FORMATS, type ImportReport, type InventoryFormat } from '../inventory-import';
import type { InventoryHost, Store } from '../store';
import { collect, ExitStatus, type CliIo } from './cli-io';
import { cliActor } from './commands-auth';
import { openCliStore } from './open-store';
import { jsonText, line } from './terminal-text';

interface Helpers {
  dataOption(): Option;
  dataDir(opts: { data?: string }): string;
}

export function registerInventoryCommands(program: Command, host: Command, io: CliIo, { dataOption, dataDir }: Helpers): void {
  const withStore = async <T>(opts: { data?: string }, fn: (store: Store) => T | Promise<T>): Promise<T> => {
    const store = openCliStore(dataDir(opts), io.env);
    try {
      return await fn(store);
    } finally {
      store.close();
    }
  };

  const inventory = program.command('inventory').description('bulk changes to the inventory');
  inventory
    .command('import <file>')
    .description('add and update hosts from CSV, XLSX, an Ansible inventory or ~/.ssh/config: validated first, then applied in one transaction (never credentials)')
    .addOption(dataOption())
    .addOption(new Option('--format <format>', 'the file format (default: from the extension or the content)').choices(INVENTORY_FORMATS))
    .option('--dry-run', 'print the plan and the errors; change nothing')
    .option('--valid-only', 'apply the valid rows even when others have errors (default: any error applies nothing)')
    .option('--json', 'the plan and the errors as one JSON object')
    .action((file: string, opts: { data?: string; format?: InventoryFormat; dryRun?: boolean; validOnly?: boolean; json?: boolean }) =>
      withStore(opts, async (store) => {
        const report = await importInventory(store, { file, format: opts.format, dryRun: opts.dryRun, validOnly: opts.validOnly, actor: cliActor() });
        if (opts.json) io.out(jsonText({ ...report, dryRun: opts.dryRun === true }, 2));
        else printReport(io, report, opts);
        if (report.issues.length > 0) throw new ExitStatus(1);
      }),
    );

  host
    .command('list')
    .description('hosts with address, nodes, tags and login accounts')
    .addOption(dataOption())
    .option('--node <path>', 'only hosts in this node or below, e.g. team/line')
    .option('--tag <key=value>', 'only hosts with this tag (repeatable: all of them)', collect)
    .option('--json', 'one JSON array')
    .action((opts: { data?: string; node?: string; tag?: string[]; json?: boolean }) =>
      withStore(opts, (store) => {
        const hosts = store.hosts.inventory().filter(hostFilter(opts.node, opts.tag ?? []));
        if (opts.json) return io.out(jsonText(hosts.map(({ id: _id, ...h }) => h), 2));
        if (hosts.length === 0) io.out('no hosts');
        for (const h of hosts) io.out(hostLine(h));
      }),
    );

  host
    .command('edit <name>')
    .description("change a host's address, port, nodes, tags or login accounts")
    .addOption(dataOption())
    .option('--address <host[:port]>', 'where the target listens for SSH')
    .option('--port <port>', 'the SSH port (keeps the address)')
    .option('--node <path>', "tree node team/line/service/module (repeatable; replaces the host's nodes)", collect)
    .option('--tag <key=value>', 'add or replace a tag (repeatable)', collect)
    .option('--untag <key>', 'remove a tag (repeatable)', collect)
    .option('--login <account>', 'add a login account (repeatable)', collect)
    .action((name: string, opts: { data?: string; address?: string; port?: string; node?: string[]; tag?: string[]; untag?: string[]; login?: string[] }) =>
      withStore(opts, (store) => {
        const { host: edited, fields } = editHost(store, name, { address: opts.address, port: opts.port, nodes: opts.node, tags: opts.tag, untag: opts.untag, logins: opts.login }, cliActor());
        io.out(fields.length === 0 ? line`host ${name} unchanged` : line`changed ${fields.join(', ')} of ${name}`);
        io.out(hostLine(edited));
      }),
    );
  registerHostRemove(host, io, withStore, dataOption);
}

function registerHostRemove(host: Command, io: CliIo, withStore: <T>(opts: { data?: string }, fn: (store: Store) => T) => Promise<T>, dataOption: () => Option): void {
  host
    .command('remove <name>')
    .description('remove a host from the inventory (its nodes, tags, logins, credentials and pinned key); its name stays taken')
    .addOption(dataOption())
    .option('--force', 'remove it even with live sessions, which then end within seconds')
    .action((name: string, opts: { data?: string; force?: boolean }) =>
      withStore(opts, (store) => {
        const { liveSessions } = removeHost(store, name, { force: opts.force, actor: cliActor() });
        io.out(line`removed host ${name}${liveSessions > 0 ? ` (its ${liveSessions} live session(s) end within seconds)` : ''}`);
      }),
    );
}

function hostFilter(node: string | undefined, tags: readonly string[]) {
  const prefix = node?.split('/').filter(Boolean);
  const wanted = tags.map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] as const);
  for (const t of tags) if (t.indexOf('=') <= 0) throw new Error(`invalid --tag "${t}": expected KEY=VALUE`);
  return (h: InventoryHost) =>
    (prefix === undefined || h.nodes.some((p) => prefix.every((seg, i) => p[i] === seg))) && wanted.every(([k, v]) => h.tags[k] === v);
}

function hostLine(h: InventoryHost): string {
  const nodes = h.nodes.map((p) => p.join('/')).join(' ');
  const tags = Object.entries(h.tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return line`${h.name}  ${h.address}  node ${nodes || '-'}  tags ${tags || '-'}  logins ${h.logins.join(';') || '-'}`;
}

function printReport(io: CliIo, report: ImportReport, opts: { dryRun?: boolean; validOnly?: boolean }): void {
  const { add, change, unchanged, invalid } = report.counts;
  io.out(line`${report.file} (${report.format}): ${add} to add, ${change} to change, ${unchanged} unchanged, ${invalid} with errors`);
  for (const h of report.hosts) {
    if (h.action === 'add') io.out(line`  add     ${h.name}  ${h.address}  (${h.where})`);
    if (h.action === 'change') io.out(line`  change  ${h.name}  ${h.fields!.join(', ')}  (${h.where})`);
  }
  for (const s of report.skipped) io.out(line`  skipped ${s.where}: ${s.reason}`);
  for (const i of report.issues) io.err(line`error: ${i.where}${i.host ? ` (${i.host})` : ''}, ${i.field}: ${i.message}`);
  if (opts.dryRun) io.out('dry run: nothing changed');
  else if (report.applied) io.out(line`applied: ${add} added, ${change} changed${invalid > 0 ? `, ${invalid} rows with errors left out` : ''}`);
  else io.out(line`nothing applied: fix the errors, or pass --valid-only to apply the ${add + change + unchanged} valid rows`);
}
