// A generated inventory for a large tree: the tree benchmark's 50k hosts and the lab's `--inventory N`.
// Self-contained (no imports, no module-scope closures): bench/fake-portcullis sends its source into
// a page.
/** The generated inventory: 10 teams › 5 lines › 7 services › 5 modules; every 97th host also in a shared node. */
export function generateInventory(count: number, now: number) {
  const teams = ['payments', 'platform', 'data', 'search', 'identity', 'media', 'ads', 'mobile', 'infra', 'growth'];
  const envs = ['prod', 'prod', 'prod', 'staging', 'dev'];
  return Array.from({ length: count }, (_, i) => {
    const team = teams[i % teams.length]!;
    const line = `${team}-line-${(i >> 3) % 5}`;
    const service = ['minos', 'atlas', 'hermes', 'zeus', 'apollo', 'ares', 'demeter'][(i >> 5) % 7]!;
    const module = ['web', 'api', 'worker', 'db', 'cache'][i % 5]!;
    const name = `${module}-${String(i).padStart(5, '0')}`;
    const nodes = [[team, line, service, module]];
    if (i % 97 === 0) nodes.push(['shared', 'ops', 'bastion-targets', module]);
    return {
      name,
      // Loopback, on the discard port nothing listens on: opening one fails at once, and never leaves the machine.
      address: `127.${1 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}:9`,
      nodes,
      tags: { env: envs[i % envs.length]!, service, ...(i % 11 === 0 ? { role: 'primary' } : {}) },
      logins: i % 4 === 0 ? ['deploy', 'root'] : ['root'],
      accessUntil: i % 3 === 0 ? null : now + (2 + (i % 40)) * 3_600_000,
    };
  });
}
