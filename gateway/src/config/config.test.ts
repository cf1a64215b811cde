import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { silentLogger } from '../logger';
import { defaultConfigText, ENV_OVERRIDES, gatewayOptionsFrom, resolveConfig } from '.';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/contract/host-health';
import { configLayer } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function dataDirWith(yaml?: string): string {
  const data = join(dir, `data-${++n}`);
  mkdirSync(data);
  if (yaml !== undefined) writeFileSync(join(data, 'gateway.yaml'), yaml);
  return data;
}

describe('gateway config', () => {
  it('defaults when there is no file', () => {
    const data = dataDirWith();
    const config = resolveConfig({ data }, {});
    expect(config).toMatchObject({
      dataDir: data,
      configFile: undefined,
      listen: { host: '127.0.0.1', port: 2222 },
      logLevel: 'info',
      shutdown: { graceMs: 10_000 },
      recording: { enabled: true, strict: false },
      lockout: { maxFailures: 5, lockMs: 30 * 60_000, delay: { initialMs: 1000, maxMs: 30_000 } },
      masterKey: { source: 'file', path: join(data, 'master.key') },
      forwarding: { policy: 'deny' },
      transfer: { policy: 'deny', maxOpenHandles: 64 },
      connections: { maxUnauthenticated: 100, maxUnauthenticatedPerSource: 20, loginTimeoutMs: 60_000, maxSessionsPerConnection: 64, maxApiChannelsPerConnection: 4 },
    });
    expect(resolveConfig({ data: dataDirWith('connections: { maxSessions: 8 }\n') }, { PORTCULLIS_LOGIN_TIMEOUT_SECONDS: '20' }).connections).toMatchObject({ maxSessionsPerConnection: 8, loginTimeoutMs: 20_000 });
  });

  it('flag > env > file > default, nested sections merged key by key', () => {
    const data = dataDirWith('listen: 0.0.0.0:2200\nlogLevel: debug\nlockout:\n  maxFailures: 3\n  minutes: 5\nrecording:\n  strict: true\n');
    const env = { PORTCULLIS_LISTEN: '127.0.0.1:2300', PORTCULLIS_LOCKOUT_MINUTES: '7', PORTCULLIS_RECORDING_STRICT: 'false' };
    expect(resolveConfig({ data }, {})).toMatchObject({ listen: { host: '0.0.0.0', port: 2200 }, logLevel: 'debug', recording: { strict: true }, lockout: { maxFailures: 3, lockMs: 300_000 } });
    const withEnv = resolveConfig({ data }, env);
    expect(withEnv).toMatchObject({ listen: { port: 2300 }, logLevel: 'debug', recording: { enabled: true, strict: false }, lockout: { maxFailures: 3, lockMs: 420_000 } });
    expect(resolveConfig({ data, listen: '127.0.0.1:0', logLevel: 'warn' }, env)).toMatchObject({ listen: { port: 0 }, logLevel: 'warn' });
  });

  it('--config FILE (or PORTCULLIS_CONFIG) may name the data dir, relative to the file', () => {
    const file = join(dir, 'elsewhere.yaml');
    writeFileSync(file, 'dataDir: ./served\nshutdown:\n  graceSeconds: 2.5\n');
    expect(resolveConfig({ config: file }, {})).toMatchObject({ dataDir: join(dir, 'served'), configFile: file, shutdown: { graceMs: 2500 } });
    expect(resolveConfig({}, { PORTCULLIS_CONFIG: file, PORTCULLIS_DATA: '/srv/x' })).toMatchObject({ dataDir: '/srv/x' });
  });

  it('names the bad key, variable or flag', () => {
    const bad = (yaml: string) => () => resolveConfig({ data: dataDirWith(yaml) }, {});
    expect(bad('lockout:\n  maxFailures: 0\n')).toThrow(/gateway\.yaml: lockout\.maxFailures: .*>=1/);
    expect(bad('lockout:\n  maxFailure: 3\n')).toThrow(/gateway\.yaml: lockout: Unrecognized key.*\(lockout\.maxFailure\)/);
    expect(bad('listen: 2222\n')).toThrow(/listen: .*expected string/);
    expect(bad('listen: "here"\n')).toThrow(/listen: expected ADDRESS:PORT/);
    expect(bad('forwarding: { policy: maybe }\n')).toThrow(/forwarding\.policy/);
    expect(bad('a: [1\n')).toThrow(/gateway\.yaml: not valid YAML/);
    expect(bad('- 1\n')).toThrow(/expected a mapping/);
    expect(bad('lockout: { delay: { initialMs: 900, maxMs: 100 } }\n')).toThrow(/lockout\.delay\.maxMs \(100\) is less than/);
    const data = dataDirWith();
    expect(() => resolveConfig({ data }, { PORTCULLIS_LOCKOUT_MAX_FAILURES: 'five' })).toThrow(/PORTCULLIS_LOCKOUT_MAX_FAILURES: expected a number/);
    expect(() => resolveConfig({ data }, { PORTCULLIS_LOCKOUT_MAX_FAILURES: '2.5' })).toThrow(/PORTCULLIS_LOCKOUT_MAX_FAILURES: .*expected int/);
    expect(() => resolveConfig({ data }, { PORTCULLIS_RECORDING_STRICT: 'sure' })).toThrow(/PORTCULLIS_RECORDING_STRICT: expected true or false/);
    expect(() => resolveConfig({ data }, { PORTCULLIS_LOG_LEVEL: 'loud' })).toThrow(/PORTCULLIS_LOG_LEVEL: /);
    expect(() => resolveConfig({ data, listen: 'nope' }, {})).toThrow(/--listen: expected ADDRESS:PORT/);
    expect(() => resolveConfig({ config: join(dir, 'missing.yaml') }, {})).toThrow(/cannot read config file .*missing\.yaml: ENOENT/);
    expect(() => resolveConfig({}, {})).toThrow(/no data directory/);
  });

  it('master key: the environment variable wins over the file, and is not copied into the config', () => {
    const data = dataDirWith('masterKey: { file: /etc/portcullis/key }\n');
    expect(resolveConfig({ data }, {}).masterKey).toEqual({ source: 'file', path: '/etc/portcullis/key' });
    const config = resolveConfig({ data }, { PORTCULLIS_MASTER_KEY: 'c2VjcmV0LWtleS1tYXRlcmlhbA==' });
    expect(config.masterKey).toEqual({ source: 'env', variable: 'PORTCULLIS_MASTER_KEY' });
    expect(JSON.stringify(config)).not.toContain('c2VjcmV0');
  });

  it('the file init writes parses, equals the defaults, and mentions every env override', () => {
    const text = defaultConfigText();
        const data = dataDirWith(text);
    expect(resolveConfig({ data }, {})).toEqual({ ...resolveConfig({ data: dataDirWith() }, {}), dataDir: data, configFile: join(data, 'gateway.yaml'), masterKey: { source: 'file', path: join(data, 'master.key') } });
    // Uncommenting every default line gives a valid file too.
    const uncommented = text.replace(/^(\s*)# (\w+: .*)$/gm, '$1$2');
    expect(() => configLayer.parse(parseYaml(uncommented))).not.toThrow();
    for (const o of ENV_OVERRIDES) expect(text, o.name).toContain(o.name);
  });

  it('maps every section to startGateway options in one place', () => {
    const config = resolveConfig({ data: dataDirWith() }, {});
    const options = gatewayOptionsFrom(config, silentLogger);
    expect(options).toMatchObject({
      dataDir: config.dataDir,
      listen: config.listen,
      recording: { strict: config.recording.strict },
      loginPolicy: { maxFailures: 5, lockMs: 30 * 60_000, sourceDelayBaseMs: 1000, sourceDelayMaxMs: 30_000 },
      masterKeyFile: join(config.dataDir, 'master.key'),
      forwarding: { policy: 'deny' },
    });
    expect(options.batch).toEqual({ handshakeSlots: undefined }); // 4 per CPU, decided by the gateway
    const slotsOf = (yaml: string, env: Record<string, string> = {}) => gatewayOptionsFrom(resolveConfig({ data: dataDirWith(yaml) }, env), silentLogger).batch?.handshakeSlots;
    expect(slotsOf('batch: { handshakeSlots: 3 }\n')).toBe(3);
    expect(slotsOf('batch: { handshakeSlots: 3 }\n', { PORTCULLIS_BATCH_HANDSHAKE_SLOTS: '5' })).toBe(5);
    expect(() => slotsOf('batch: { handshakeSlots: 0 }\n')).toThrow(/batch\.handshakeSlots/);
    // Recording cannot be turned off: the gateway refuses to start rather than ignore it.
    const unrecorded = resolveConfig({ data: dataDirWith('recording: { enabled: false }\n') }, {});
    expect(() => gatewayOptionsFrom(unrecorded, silentLogger)).toThrow(/recording\.enabled: false is not supported/);
  });

  it('forwarding.policy: deny by default, allow from the file or PORTCULLIS_FORWARDING, nothing else', () => {
    const policyOf = (yaml: string | undefined, env: Record<string, string> = {}) =>
      gatewayOptionsFrom(resolveConfig({ data: dataDirWith(yaml) }, env), silentLogger).forwarding?.policy;
    expect(policyOf(undefined)).toBe('deny');
    expect(policyOf('forwarding:\n  policy: allow\n')).toBe('allow');
    expect(policyOf('forwarding:\n  policy: allow\n', { PORTCULLIS_FORWARDING: 'deny' })).toBe('deny');
    expect(policyOf(undefined, { PORTCULLIS_FORWARDING: 'allow' })).toBe('allow');
    expect(policyOf('forwarding:\n  # policy: deny\n')).toBe('deny'); // a section with everything commented out
    expect(() => policyOf(undefined, { PORTCULLIS_FORWARDING: 'local' })).toThrow(/PORTCULLIS_FORWARDING: .*"deny".*"allow"/);
    expect(() => policyOf('forwarding: { policy: true }\n')).toThrow(/gateway\.yaml: forwarding\.policy/);
  });

  it('transfer.policy: deny by default and from the file or PORTCULLIS_TRANSFER_POLICY; allow reaches the gateway with its handle limit', () => {
    const policyOf = (yaml: string | undefined, env: Record<string, string> = {}) => resolveConfig({ data: dataDirWith(yaml) }, env).transfer.policy;
    expect(policyOf(undefined)).toBe('deny');
    expect(policyOf('transfer:\n  policy: deny\n')).toBe('deny');
    expect(policyOf('transfer:\n  policy: allow\n', { PORTCULLIS_TRANSFER_POLICY: 'deny' })).toBe('deny');
    expect(() => policyOf(undefined, { PORTCULLIS_TRANSFER_POLICY: 'sometimes' })).toThrow(/PORTCULLIS_TRANSFER_POLICY: .*"deny".*"allow"/);
    expect(() => policyOf('transfer: { policy: yes }\n')).toThrow(/gateway\.yaml: transfer\.policy/);
    const allowing = resolveConfig({ data: dataDirWith() }, { PORTCULLIS_TRANSFER_POLICY: 'allow' });
    expect(gatewayOptionsFrom(allowing, silentLogger).transfer).toEqual({ policy: 'allow', maxOpenHandles: 64 });
    const limited = resolveConfig({ data: dataDirWith('transfer: { policy: allow, maxOpenHandles: 8 }\n') }, {});
    expect(gatewayOptionsFrom(limited, silentLogger).transfer).toEqual({ policy: 'allow', maxOpenHandles: 8 });
    expect(() => policyOf('transfer: { maxOpenHandles: 0 }\n')).toThrow(/gateway\.yaml: transfer\.maxOpenHandles/);
  });

  it('requests: 24 h to decide and at most 7 days asked by default; both settable; approvals held to grants.maxDays', () => {
    const requestsOf = (yaml: string | undefined, env: Record<string, string> = {}) => gatewayOptionsFrom(resolveConfig({ data: dataDirWith(yaml) }, env), silentLogger).requests;
    expect(requestsOf(undefined)).toEqual({ expiryMs: 24 * 3_600_000, maxDurationMs: 168 * 3_600_000, maxGrantMs: undefined });
    expect(requestsOf('requests: { expiryHours: 2, maxHours: 8 }\ngrants: { maxDays: 1 }\n')).toEqual({ expiryMs: 2 * 3_600_000, maxDurationMs: 8 * 3_600_000, maxGrantMs: 86_400_000 });
    expect(requestsOf('requests: { expiryHours: 2 }\n', { PORTCULLIS_REQUESTS_EXPIRY_HOURS: '0.5' })?.expiryMs).toBe(1_800_000);
    expect(() => requestsOf('requests: { maxHours: 0 }\n')).toThrow(/gateway\.yaml: requests\.maxHours/);
  });

  it('metrics: none by default; the Prometheus URL from the file or PORTCULLIS_METRICS_PROMETHEUS_URL, checked', () => {
    const metricsOf = (yaml: string | undefined, env: Record<string, string> = {}) => gatewayOptionsFrom(resolveConfig({ data: dataDirWith(yaml) }, env), silentLogger).metrics;
    expect(metricsOf(undefined)).toEqual({
      prometheusUrl: undefined,
      timeoutMs: 4000,
      instanceTemplate: '{host}:9100',
      intervalMs: 5000,
      rateWindowSec: 60,
      match: 'instance',
      sampler: { enabled: false, login: undefined, historyMinutes: 60 },
      healthThresholds: DEFAULT_HEALTH_THRESHOLDS,
    });
    expect(metricsOf('metrics:\n  prometheus: { url: http://prom:9090 }\n  instance: "{name}:9100"\n')).toMatchObject({ prometheusUrl: 'http://prom:9090', instanceTemplate: '{name}:9100' });
    expect(metricsOf('metrics: { prometheus: { url: http://prom:9090 } }\n', { PORTCULLIS_METRICS_PROMETHEUS_URL: 'https://other:9090' })?.prometheusUrl).toBe('https://other:9090');
    expect(() => metricsOf(undefined, { PORTCULLIS_METRICS_PROMETHEUS_URL: 'ftp://prom' })).toThrow(/PORTCULLIS_METRICS_PROMETHEUS_URL: expected http or https/);
    expect(() => metricsOf('metrics: { intervalSeconds: 0 }\n')).toThrow(/gateway\.yaml: metrics\.intervalSeconds/);
  });

  it('metrics.health: 80 / 90 % by default; each threshold from the file or its variable; warn above critical refused', () => {
    const thresholdsOf = (yaml: string | undefined, env: Record<string, string> = {}) => gatewayOptionsFrom(resolveConfig({ data: dataDirWith(yaml) }, env), silentLogger).metrics?.healthThresholds;
    expect(thresholdsOf(undefined)).toEqual({ cpu: { warn: 80, critical: 90 }, memory: { warn: 80, critical: 90 }, disk: { warn: 80, critical: 90 } });
    expect(thresholdsOf('metrics:\n  health:\n    disk: { warn: 70 }\n', { PORTCULLIS_METRICS_HEALTH_CPU_CRITICAL: '95' })).toEqual({
      cpu: { warn: 80, critical: 95 },
      memory: { warn: 80, critical: 90 },
      disk: { warn: 70, critical: 90 },
    });
    expect(() => thresholdsOf(undefined, { PORTCULLIS_METRICS_HEALTH_MEMORY_WARN: '95' })).toThrow(/metrics\.health\.memory\.warn: warn must not be above critical/);
    expect(() => thresholdsOf('metrics: { health: { cpu: { warn: 120 } } }\n')).toThrow(/gateway\.yaml: metrics\.health\.cpu\.warn/);
    expect(() => thresholdsOf('metrics: { health: { cpu: { alert: 50 } } }\n')).toThrow(/metrics\.health\.cpu/);
  });

  it('metrics: the nodename match and the SSH sampler, from the file or the environment, checked', () => {
    const metricsOf = (yaml: string | undefined, env: Record<string, string> = {}) => gatewayOptionsFrom(resolveConfig({ data: dataDirWith(yaml) }, env), silentLogger).metrics;
    expect(metricsOf('metrics:\n  match: nodename\n  sampler: { enabled: true, login: monitor }\n')).toMatchObject({ match: 'nodename', sampler: { enabled: true, login: 'monitor', historyMinutes: 60 } });
    expect(metricsOf(undefined, { PORTCULLIS_METRICS_MATCH: 'nodename', PORTCULLIS_METRICS_SAMPLER_ENABLED: 'yes', PORTCULLIS_METRICS_SAMPLER_LOGIN: 'mon' })).toMatchObject({ match: 'nodename', sampler: { enabled: true, login: 'mon' } });
    expect(() => metricsOf('metrics: { match: hostname }\n')).toThrow(/gateway\.yaml: metrics\.match/);
    expect(() => metricsOf('metrics: { sampler: { enabled: true, user: x } }\n')).toThrow(/gateway\.yaml: metrics\.sampler/);
  });
});
