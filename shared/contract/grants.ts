// A user's grants as the gateway reports them to that user (`grants.mine`): what they may reach
// and until when, so the desktop client can show it. Pure schemas.
import { z } from 'zod';
import { LoginNameSchema } from './inventory';

export const MyGrantSchema = z.object({
  id: z.number().int(),
  /** Granted to the user, or to a group they belong to. */
  subject: z.object({ kind: z.enum(['user', 'group']), name: z.string() }),
  /** Host selector text: "*", names (web-01,web-02), node:team/line, or tags (env=prod,role=web|api). */
  hosts: z.string(),
  login: LoginNameSchema,
  /** Start (ms since epoch); null = in force since it was created. */
  from: z.number().int().nullable(),
  /** End, exclusive (ms since epoch); null = no end. */
  until: z.number().int().nullable(),
  /** How many hosts it covers now. */
  hostCount: z.number().int().nonnegative(),
});
export type MyGrant = z.infer<typeof MyGrantSchema>;
