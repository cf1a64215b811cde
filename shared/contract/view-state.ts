// How the window's frame was left: the sidebar's width and whether it was collapsed. Restored at
// start; kept by the client's main side, which validates it with this schema.
import { z } from 'zod';

/** The sidebar's width bounds, in CSS pixels: narrower hides the tree's names, wider leaves no terminal. */
export const SIDEBAR_WIDTH = { min: 200, max: 720, default: 300 } as const;

export const ViewStateSchema = z
  .object({
    sidebar: z.object({ width: z.number().int().min(SIDEBAR_WIDTH.min).max(SIDEBAR_WIDTH.max), collapsed: z.boolean() }).strict(),
  })
  .strict();
export type ViewState = z.infer<typeof ViewStateSchema>;

export const DEFAULT_VIEW_STATE: ViewState = { sidebar: { width: SIDEBAR_WIDTH.default, collapsed: false } };
