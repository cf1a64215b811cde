// The commented config file `init` writes to DATA/gateway.yaml: every setting at its default, so
// an admin sees what exists and uncomments what to change.
import { ENV_OVERRIDES } from './env';
import { DEFAULTS } from './schema';
import { defaultHandshakeSlots } from '../sessions/core/handshake-slots';

/** A commented `name: default` line, with the environment variable that overrides it. */
function setting(indent: string, key: string, value: unknown): string {
  const env = ENV_OVERRIDES.find((o) => o.key === key)?.name;
  return `${indent}# ${key.split('.').at(-1)}: ${String(value)}${env ? `    # env ${env}` : ''}`;
}

export function defaultConfigText(): string {
  const d = DEFAULTS;
  return `# Portcullis gateway configuration (YAML). Everything here is optional: a commented line shows
# the default. Precedence: command-line flag > PORTCULLIS_* environment variable > this file > default.
# Unknown keys are errors, so a typo does not go unnoticed.

# Address and port to listen on.
${setting('', 'listen', d.listen)}

# Log level (fatal, error, warn, info, debug, trace, silent). Logs are JSON lines on stderr.
${setting('', 'logLevel', d.logLevel)}

shutdown:
  # On SIGTERM/SIGINT: stop accepting, warn live sessions, wait this long for them to end, then
  # end the rest. A second signal ends them at once.
${setting('  ', 'shutdown.graceSeconds', d.shutdown.graceSeconds)}

recording:
${setting('  ', 'recording.enabled', d.recording.enabled)}
  # With strict on, a session whose recording cannot be written is refused (or ended).
${setting('  ', 'recording.strict', d.recording.strict)}
  # Large batches of a recording are written with O_DIRECT (past the page cache) where the
  # filesystem allows it; false writes everything through the page cache.
${setting('  ', 'recording.directIo', d.recording.directIo)}

lockout:
  # Failed logins before an account is locked, and for how many minutes.
${setting('  ', 'lockout.maxFailures', d.lockout.maxFailures)}
${setting('  ', 'lockout.minutes', d.lockout.minutes)}
  delay:
    # Failing logins from an address (per account, and for unknown accounts or wrong keys) wait longer each time (doubling, up to maxMs).
${setting('    ', 'lockout.delay.initialMs', d.lockout.delay.initialMs)}
${setting('    ', 'lockout.delay.maxMs', d.lockout.delay.maxMs)}

masterKey:
  # The AES-256-GCM key that encrypts target credentials: a file (mode 0600, relative to the data
  # directory), unless the environment variable PORTCULLIS_MASTER_KEY holds the key itself.
${setting('  ', 'masterKey.file', d.masterKey.file)}

forwarding:
  # Forwarding through the gateway bypasses the recording. deny: all refused. allow: local port
  # forwarding (ssh -L) to the target named in the user name, while a grant allows it; each forward
  # is audited, its traffic is not recorded. Remote (-R), agent (-A) and X11 stay refused.
${setting('  ', 'forwarding.policy', d.forwarding.policy)}

transfer:
  # File transfer (sftp, scp, scp -O) through the gateway. deny: refused with a message saying the
  # administrator disabled it, each attempt audited (transfer.refused). allow: sftp and scp (SFTP
  # mode) relayed to the target, each file audited (transfer.file: direction, path, size, SHA-256),
  # contents not recorded; legacy scp -O still refused. maxOpenHandles: files open at once per session.
${setting('  ', 'transfer.policy', d.transfer.policy)}
${setting('  ', 'transfer.maxOpenHandles', d.transfer.maxOpenHandles)}

connections:
  # Connections that have not logged in yet, in all and per source address: more are closed at
  # once. A login must complete within loginTimeoutSeconds of the TCP connection.
${setting('  ', 'connections.maxUnauthenticated', d.connections.maxUnauthenticated)}
${setting('  ', 'connections.maxUnauthenticatedPerSource', d.connections.maxUnauthenticatedPerSource)}
${setting('  ', 'connections.loginTimeoutSeconds', d.connections.loginTimeoutSeconds)}
  # Open session channels (terminals, execs, API) and API channels per logged-in connection.
${setting('  ', 'connections.maxSessions', d.connections.maxSessions)}
${setting('  ', 'connections.maxApiChannels', d.connections.maxApiChannels)}

audit:
  # The audit chain's head is signed (with the host key) at start, at stop and every
  # checkpointMinutes, into DATA/audit-checkpoints.jsonl. Copies matter only where an attacker of
  # this host cannot rewrite them: files on another machine's mount (checkpointCopies), or a program
  # given each checkpoint as a JSON line on stdin (argv, no shell), e.g. [logger, -t, portcullis-audit]
  # for syslog.
${setting('  ', 'audit.checkpointMinutes', d.audit.checkpointMinutes)}
  # checkpointCopies: [/mnt/audit-host/portcullis-checkpoints.jsonl]
  # checkpointCommand: [logger, -t, portcullis-audit]

metrics:
  # Host metrics for the desktop client's panel and \`ssh … metrics HOST\`, read from Prometheus
  # (node_exporter's metric names), only for hosts the user may reach. A host's Prometheus
  # instance is its \`instance\` tag, else this template ({host}: its address without the port,
  # {name}: its name). Every watched host is read once per intervalSeconds, however many watch it.
  prometheus:
    # url: http://127.0.0.1:9090    # env PORTCULLIS_METRICS_PROMETHEUS_URL (none: no metrics)
${setting('    ', 'metrics.prometheus.timeoutSeconds', d.metrics.prometheus.timeoutSeconds)}
${setting('  ', 'metrics.instance', `'${d.metrics.instance}'`)}
${setting('  ', 'metrics.intervalSeconds', d.metrics.intervalSeconds)}
  # Counters (CPU, disk, network) are rates over this window: at least four scrape intervals.
${setting('  ', 'metrics.rateWindowSeconds', d.metrics.rateWindowSeconds)}
  # The host tree's health dots: a host is warn (or critical) once its CPU busy %, memory used %
  # or fullest disk's used % reaches warn (or critical); the worst of the three counts.
  health:
${(['cpu', 'memory', 'disk'] as const)
  .map((f) => `    ${f}:\n${setting('      ', `metrics.health.${f}.warn`, d.metrics.health[f].warn)}\n${setting('      ', `metrics.health.${f}.critical`, d.metrics.health[f].critical)}`)
  .join('\n')}
  # How a host without an instance tag is found: by the template above (instance), or as the
  # target whose node_uname_info nodename is the host's name or address (nodename).
${setting('  ', 'metrics.match', d.metrics.match)}
  # Hosts tagged metrics=ssh (no exporter) are read over SSH instead: one long-lived exec per
  # watched host, as the user gateway:metrics, recorded and audited like any session.
  sampler:
${setting('    ', 'metrics.sampler.enabled', d.metrics.sampler.enabled)}
    # login: monitor    # env PORTCULLIS_METRICS_SAMPLER_LOGIN (none: the host's first login, by name, with a credential)
${setting('    ', 'metrics.sampler.historyMinutes', d.metrics.sampler.historyMinutes)}

batch:
  # SSH handshakes to targets (connect → logged in) that batch jobs may have in progress at once,
  # all jobs together; the other hosts of a job wait their turn, and their upstream and per-host
  # timeouts count from when their handshake starts. Interactive sessions never wait for one.
  # By default 4 per CPU (${defaultHandshakeSlots()} on this machine).
${setting('  ', 'batch.handshakeSlots', defaultHandshakeSlots())}

grants:
  # The longest window a grant may have, in days from its start; no limit unless set (e.g. 90).
${setting('  ', 'grants.maxDays', 90)}

requests:
  # An access request not decided within this many hours expires (it stays in the history).
${setting('  ', 'requests.expiryHours', d.requests.expiryHours)}
  # The longest access an operator may ask for, in hours (an approval may shorten it).
${setting('  ', 'requests.maxHours', d.requests.maxHours)}
`;
}
