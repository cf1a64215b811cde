import { describe, expect, it } from 'vitest';
import { checkBatchForm, EMPTY_BATCH_FORM, formFromSettings, type BatchForm } from './batch-form';

const form = (over: Partial<BatchForm>): BatchForm => ({ ...EMPTY_BATCH_FORM, selector: 'node:platform', command: 'hostname', ...over });
const problems = (over: Partial<BatchForm>) => {
  const r = checkBatchForm(form(over));
  return r.ok ? {} : r.problems;
};

describe('the batch run form', () => {
  it('turns good fields into the settings batch.start takes, leaving out what was left empty', () => {
    expect(checkBatchForm(form({ serial: ' 1,5,20% ', maxFail: '10%', parallel: '20', timeoutSec: '60' }))).toEqual({
      ok: true,
      settings: { selector: 'node:platform', command: 'hostname', parallel: 20, timeoutSec: 60, serial: '1,5,20%', maxFail: '10%', unreachable: 'failure', canaryDiff: true },
    });
    const script = checkBatchForm(form({ mode: 'script', script: 'set -e\nuptime\n', login: 'deploy', unreachable: 'threshold', unreachableMaxFail: '2' }));
    expect(script).toMatchObject({ ok: true, settings: { script: 'set -e\nuptime\n', login: 'deploy', unreachable: 'threshold', unreachableMaxFail: '2' } });
    expect(script.ok && 'command' in script.settings).toBe(false);
  });

  it('names each wrong field with its own reason', () => {
    expect(problems({ selector: '  ', command: '' })).toEqual({ selector: { code: 'required' }, command: { code: 'required' } });
    expect(problems({ mode: 'script', script: '\n' })).toEqual({ script: { code: 'required' } });
    expect(problems({ parallel: 'ten', timeoutSec: '0' })).toEqual({ parallel: { code: 'whole_number' }, timeoutSec: { code: 'range', min: 1, max: 86400 } });
    expect(problems({ parallel: '500' })).toEqual({ parallel: { code: 'range', min: 1, max: 200 } });
    expect(problems({ serial: '1,,5' })).toEqual({ serial: { code: 'format' } });
    expect(problems({ serial: '1,0' })).toEqual({ serial: { code: 'zero' } });
    expect(problems({ serial: '1,150%' })).toEqual({ serial: { code: 'percent_range' } });
    expect(problems({ serial: Array(33).fill('1').join(',') })).toEqual({ serial: { code: 'too_many' } });
    expect(problems({ maxFail: 'some', waveMaxFail: '0%' })).toEqual({ maxFail: { code: 'format' }, waveMaxFail: { code: 'percent_range' } });
    expect(problems({ unreachable: 'threshold' })).toEqual({ unreachableMaxFail: { code: 'required' } });
    expect(problems({ command: 'x'.repeat(32 * 1024 + 1) })).toEqual({ command: { code: 'too_long', max: 32 * 1024 } });
  });

  it('counts a command’s size in bytes, as the gateway does', () => {
    expect(problems({ command: '字'.repeat(11_000) })).toEqual({ command: { code: 'too_long', max: 32 * 1024 } });
  });

  it('fills the form from a job’s settings, and the form gives them back', () => {
    const settings = { selector: 'web-01,web-02', command: 'uptime', parallel: 5, timeoutSec: 30, serial: '1,50%', waveMaxFail: '1', unreachable: 'ignore' as const, canaryDiff: false };
    const again = checkBatchForm(formFromSettings(settings));
    expect(again).toEqual({ ok: true, settings });
  });
});
