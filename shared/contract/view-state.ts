// How the window's frame was left: the sidebar's width and whether it was collapsed. Restored at
// start; kept by the client's main side, which validates it with this schema.
import { z } from 'zod';

import { SIDEBAR_WIDTH } from './view-state-defaults';

export { DEFAULT_VIEW_STATE, SIDEBAR_WIDTH } from './view-state-defaults';

export const ViewStateSchema = z
  .object({
    sidebar: z.object({ width: z.number().int().min(SIDEBAR_WIDTH.min).max(SIDEBAR_WIDTH.max), collapsed: z.boolean() }).strict(),
  })
  .strict();
export type ViewState = z.infer<typeof ViewStateSchema>;
