// `npm start`: brings up the lab and the desktop app on it; Ctrl+C stops everything it started.
//   --browser       use the browser shell even where Electron is installed
//   --port N        the browser shell's port (default: any free port)
//   --data DIR      where the lab keeps its state (default: .lab/ in the repository)
//   --client-data DIR  the client's state (profiles, trusted keys, layout, settings; default DATA/client)
//   --no-trust      leave the gateway's host key untrusted: the first connect asks (TOFU)
//   --json          print one machine-readable line when ready (for tests)
//   --inventory N   also register N generated hosts, for a large tree (nothing runs behind them:
//                   opening one fails, as a host that refuses would)
//   --metrics-history H  write H hours of past metrics into the lab's Prometheus before it starts
//                   (benchmarks: a 1 h / 24 h chart with full data; default none)
//   --metrics-ssh NAME[,NAME]  read these lab hosts with the gateway's SSH sampler, not Prometheus
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startLab } from './lab';

const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: resolve(import.meta.dirname, '../.lab') },
    json: { type: 'boolean', default: false },
    'client-data': { type: 'string' },
    'no-trust': { type: 'boolean', default: false },
    inventory: { type: 'string', default: '0' },
    'metrics-history': { type: 'string', default: '0' },
    'metrics-ssh': { type: 'string', default: '' },
  },
});

const say = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);

try {
  const inventory = Number(values.inventory);
  if (!Number.isInteger(inventory) || inventory < 0 || inventory > 100_000) throw new Error(`--inventory takes a number of hosts from 0 to 100000, not "${values.inventory}"`);
  const metricsHistoryHours = Number(values['metrics-history']);
  if (!(metricsHistoryHours >= 0 && metricsHistoryHours <= 24 * 7)) throw new Error(`--metrics-history takes hours from 0 to 168, not "${values['metrics-history']}"`);
  const lab = await startLab({
    dataDir: values.data,
    shell: values.browser ? 'browser' : 'auto',
    shellPort: Number(values.port),
    clientDataDir: values['client-data'],
    trustGateway: !values['no-trust'],
    inventory,
    metricsHistoryHours,
    sampledHosts: values['metrics-ssh'].split(',').filter(Boolean),
    log: (line) => say(`[lab] ${line}`),
  });
  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    say(`[lab] ${why}: stopping the app, the gateway and ${lab.hosts.length} hosts…`);
    await lab.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('interrupted'));
  process.on('SIGTERM', () => void shutdown('terminated'));
  void lab.closed.then(() => shutdown('the window closed'));

  if (values.json) {
    console.log(JSON.stringify({ ready: { url: lab.url, gateway: lab.gateway, hosts: lab.hosts.map(({ name, login, pid }) => ({ name, login, pid })), prometheusPid: lab.prometheusPid } }));
  } else {
    say('');
    say(`Portcullis lab is up: ${lab.hosts.length} OpenSSH hosts behind a gateway at ${lab.gateway.host}:${lab.gateway.port}, signed in as "${lab.user}".`);
    if (lab.url) {
      say('Electron is not installed here, so the app runs in the browser shell. Open:');
      say(`  ${lab.url}`);
    } else say('The Portcullis window is open.');
    say('Press Ctrl+C to stop everything.');
  }
} catch (error) {
  console.error(`[lab] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
