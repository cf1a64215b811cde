// A command log of realistic size and shape for the search benchmark: sessions of many users on
// many hosts over half a year, each with the commands people type (a few very common words, a long
// tail of paths, ids and host names, a few rare ones), written through the gateway's own insert
// paths (session and command repos, whose trigger fills the FTS index) in one transaction.
import type Database from 'better-sqlite3';
import { createCommandRepo } from '../gateway/src/commands/repo';
import { createSessionRepo } from '../gateway/src/sessions/repo';
import { prng } from './review-recording';

export const SEED_USERS = 60;
export const SEED_HOSTS = 800;
const PER_SESSION = 50;
/** A word in roughly one command in 50,000: the "rare word" query. */
export const RARE_WORD = 'shred';

export const userName = (i: number) => `user${String(i).padStart(2, '0')}`;
export const hostName = (i: number) => `${['web', 'db', 'api', 'cache', 'batch'][i % 5]}-${String(i).padStart(4, '0')}`;

export function commandGenerator(seed: number): () => string {
  const rand = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const num = (n: number) => Math.floor(rand() * n);
  const services = ['nginx', 'postgresql', 'redis', 'payments-api', 'ledger', 'sshd', 'docker', 'kubelet', 'cron', 'haproxy'];
  const dirs = ['/var/log', '/etc/nginx', '/srv/app', '/opt/ledger/releases', '/home/deploy', '/tmp', '/var/lib/postgresql/16/main', '/etc/systemd/system'];
  const files = ['syslog', 'nginx.conf', 'app.log', 'config.yaml', 'docker-compose.yml', '.env', 'auth.log', 'pg_hba.conf', 'Makefile'];
  const templates: Array<() => string> = [
    () => `ls -la ${pick(dirs)}`,
    () => 'ls',
    () => `cd ${pick(dirs)}`,
    () => `sudo systemctl restart ${pick(services)}`,
    () => `sudo systemctl status ${pick(services)}`,
    () => `tail -f ${pick(dirs)}/${pick(files)}`,
    () => `grep -r ${pick(['ERROR', 'timeout', 'refused', 'panic', 'OOM'])} ${pick(dirs)}`,
    () => `vim ${pick(dirs)}/${pick(files)}`,
    () => `cat ${pick(dirs)}/${pick(files)} | less`,
    () => `kubectl get pods -n ${pick(['payments', 'ledger', 'infra', 'default'])}`,
    () => `kubectl logs deploy/${pick(services)} --since=${1 + num(59)}m`,
    () => `docker ps -a`,
    () => `docker logs -f ${pick(services)}-${num(9)}`,
    () => `git pull origin ${pick(['main', 'release-' + num(40), 'hotfix-' + num(900)])}`,
    () => `psql -U ledger -c "select count(*) from transfers where id = ${num(1e7)}"`,
    () => `curl -s http://localhost:${8000 + num(100)}/health`,
    () => `ps aux | grep ${pick(services)}`,
    () => `df -h`,
    () => `top`,
    () => `du -sh ${pick(dirs)}/*`,
    () => `journalctl -u ${pick(services)} --since "${num(24)} hours ago"`,
    () => `scp release-${num(500)}.tar.gz deploy@${pick(['web', 'db', 'api'])}-${String(num(800)).padStart(4, '0')}:/srv/app/`,
    () => `export TRACE_ID=${num(2 ** 31).toString(16)}`,
    () => `echo "deploy ${num(10000)} done"`,
  ];
  return () => (rand() < 1 / 50_000 ? `${RARE_WORD} -u ${pick(dirs)}/${pick(files)}` : pick(templates)());
}

/** Inserts `count` commands in sessions of PER_SESSION, the newest starting now; returns how many sessions. */
export function seedCommands(db: Database.Database, count: number, onProgress?: (done: number) => void): number {
  const sessions = createSessionRepo(db);
  const commands = createCommandRepo(db);
  const next = commandGenerator(7);
  const rand = prng(11);
  const sessionCount = Math.ceil(count / PER_SESSION);
  const span = 180 * 24 * 3600_000;
  const start = Date.now() - span;
  let done = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let s = from; s < to; s++) {
      const id = `seed-${s}`;
      const user = userName(Math.floor(rand() * SEED_USERS));
      const host = hostName(Math.floor(rand() * SEED_HOSTS));
      const startedAt = Math.floor(start + (span * s) / sessionCount);
      sessions.create({ id, user, host, login: 'deploy', kind: 'shell', command: null, startedAt, status: 'live', recording: null });
      sessions.finish(id, { status: 'ended', endedAt: startedAt + 3600_000, bytes: 0, endedBy: 'client', endReason: null, endActor: null });
      for (let c = 0; c < PER_SESSION && done < count; c++, done++) {
        commands.add({ at: startedAt + c * 30_000 + Math.floor(rand() * 20_000), user, host, login: 'deploy', sessionId: id, offset: 0, command: next() });
      }
    }
  });
  for (let s = 0; s < sessionCount; s += 1000) {
    batch(s, Math.min(sessionCount, s + 1000));
    onProgress?.(done);
  }
  return sessionCount;
}
