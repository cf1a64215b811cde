// The window frame's bounds and defaults, without zod: the workbench draws with them on the first
// paint and builds no schema for it (view-state.ts validates).

/** The sidebar's width bounds, in CSS pixels: narrower hides the tree's names, wider leaves no terminal. */
export const SIDEBAR_WIDTH = { min: 200, max: 720, default: 300 } as const;

/** A ViewState (view-state.ts; typed by use, as importing its type back would make a cycle). */
export const DEFAULT_VIEW_STATE = { sidebar: { width: SIDEBAR_WIDTH.default, collapsed: false } };
