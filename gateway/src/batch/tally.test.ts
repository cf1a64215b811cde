// The tally is what the runner's thresholds and counts stand on: after any sequence of host
// changes it must equal a recount of the hosts, over the job and in every wave.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_HOST_STATUSES } from '../../../shared/contract/gateway-api/batch';
import { countHosts } from './runner';
import { HostTally, type TalliedHost } from './tally';

const hostArb = fc.record({ status: fc.constantFrom(...BATCH_HOST_STATUSES), wave: fc.option(fc.integer({ min: 0, max: 4 })) });

describe('HostTally', () => {
  it('equals a recount over the job and per wave after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(hostArb, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), hostArb), { maxLength: 80 }), (initial, changes) => {
        const hosts: TalliedHost[] = initial.map((h) => ({ ...h }));
        const tally = new HostTally(hosts);
        for (const [at, change] of changes) {
          const h = hosts[at % hosts.length]!;
          const before = { ...h };
          Object.assign(h, change);
          tally.move(before, h);
        }
        expect(tally.counts()).toEqual(countHosts(hosts));
        for (let wave = 0; wave <= 4; wave++) {
          const inWave = hosts.filter((h) => h.wave === wave);
          expect(tally.waveSize(wave)).toBe(inWave.length);
          for (const status of BATCH_HOST_STATUSES) expect(tally.inWave(wave, status)).toBe(inWave.filter((h) => h.status === status).length);
        }
      }),
    );
  });

  it('hands out copies: a caller changing its counts changes nothing inside', () => {
    const tally = new HostTally([{ status: 'pending', wave: 0 }]);
    tally.counts().pending = 99;
    expect(tally.count('pending')).toBe(1);
  });
});
