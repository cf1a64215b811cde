// Must be the first import of the entry point. Zod 4 probes `new Function` when a schema is
// *constructed* (to compile fast parsers); under our CSP (no 'unsafe-eval') that probe fails
// quietly but still raises a CSP violation report on every start. jitless skips the probe.
import { z } from 'zod';

z.config({ jitless: true });
