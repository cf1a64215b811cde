import { describe, expect, it } from 'vitest';
import { isBatchCommand, parseBatchArgs } from './cli-args';

describe('ssh … batch arguments', () => {
  it('reads the options and keeps the command after -- exactly as sent', () => {
    const { settings, readsScript } = parseBatchArgs("batch --hosts env=prod,role=web|api --login deploy --parallel 20 --serial 1,5,20% --max-fail=10% --timeout 30 -- echo 'a  b'; uname -a");
    expect(readsScript).toBe(false);
    expect(settings).toMatchObject({ selector: 'env=prod,role=web|api', login: 'deploy', parallel: 20, serial: '1,5,20%', maxFail: '10%', timeoutSec: 30, command: "echo 'a  b'; uname -a", unreachable: 'failure', canaryDiff: true });
  });

  it('takes defaults, quoted words and the unreachable policy', () => {
    expect(parseBatchArgs("batch --hosts 'node:pay/web team' -- uptime").settings).toMatchObject({ selector: 'node:pay/web team', parallel: 10, timeoutSec: 300 });
    expect(parseBatchArgs('batch --hosts a --unreachable ignore -- true').settings.unreachable).toBe('ignore');
    expect(parseBatchArgs('batch --hosts a --unreachable 20% -- true').settings).toMatchObject({ unreachable: 'threshold', unreachableMaxFail: '20%' });
    expect(parseBatchArgs('batch --hosts a --script').readsScript).toBe(true);
  });

  it('refuses bad input with a clear reason', () => {
    expect(() => parseBatchArgs('batch -- uptime')).toThrow('--hosts SELECTOR is required');
    expect(() => parseBatchArgs('batch --hosts a')).toThrow('give either -- COMMAND or --script');
    expect(() => parseBatchArgs('batch --hosts a --parallel lots -- x')).toThrow('--parallel: "lots" is not a whole number');
    expect(() => parseBatchArgs('batch --hosts a --parallel 500 -- x')).toThrow(/^parallel: /);
    expect(() => parseBatchArgs('batch --hosts a --max-fail many -- x')).toThrow(/maxFail/);
    expect(() => parseBatchArgs('batch --hosts a --frobnicate -- x')).toThrow('unknown option "--frobnicate"');
  });

  it('knows a batch line from any other', () => {
    expect(isBatchCommand('batch --hosts a -- x')).toBe(true);
    expect(isBatchCommand('batchelor')).toBe(false);
    expect(isBatchCommand('uptime')).toBe(false);
  });
});
