// The workspace layout the client restores after a restart: tabs, each a tree of split panes whose
// leaves show a host. Restored panes are re-opened on demand, never silently reconnected.
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from './inventory';

export interface TerminalPaneNode {
  kind: 'terminal';
  /** Stable within the layout, so focus and drag targets survive a restart. */
  id: string;
  host: string;
  login: string;
}
export interface SplitPaneNode {
  kind: 'split';
  id: string;
  /** 'row': children side by side (a vertical divider); 'column': stacked. */
  direction: 'row' | 'column';
  /** Fractions of the split's size, one per child, summing to 1. */
  sizes: number[];
  children: PaneNode[];
}
export type PaneNode = TerminalPaneNode | SplitPaneNode;

const PaneIdSchema = z.string().min(1).max(64);

/**
 * Bounds on one tab's pane tree, far above what fits on a screen. They are checked by a loop
 * before zod's recursive walk, so a hostile tree (splits nested 1,000 deep) gets a clear error
 * instead of overflowing the stack.
 */
export const PANE_TREE_LIMITS = { depth: 32, nodes: 256 } as const;

/** Why a value cannot be a pane tree within PANE_TREE_LIMITS, or null; looks only at `children`. */
export function paneTreeBoundsProblem(root: unknown): string | null {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  let nodes = 1;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const children = typeof node === 'object' && node !== null ? (node as { children?: unknown }).children : undefined;
    if (!Array.isArray(children)) continue;
    if (depth + 1 > PANE_TREE_LIMITS.depth) return `splits nested deeper than ${PANE_TREE_LIMITS.depth} levels`;
    nodes += children.length;
    if (nodes > PANE_TREE_LIMITS.nodes) return `more than ${PANE_TREE_LIMITS.nodes} panes and splits in one tab`;
    for (const child of children) stack.push({ node: child, depth: depth + 1 });
  }
  return null;
}

const PaneTreeSchema: z.ZodType<PaneNode> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('terminal'), id: PaneIdSchema, host: HostNameSchema, login: LoginNameSchema }).strict(),
    z
      .object({
        kind: z.literal('split'),
        id: PaneIdSchema,
        direction: z.enum(['row', 'column']),
        sizes: z.array(z.number().positive().max(1)).min(2).max(16),
        children: z.array(PaneTreeSchema).min(2).max(16),
      })
      .strict()
      .refine((s) => s.sizes.length === s.children.length, 'one size per child'),
  ]),
);

/** A pane tree: its bounds first (no recursion), then its shape. */
export const PaneNodeSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = paneTreeBoundsProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .pipe(PaneTreeSchema);

export const LayoutSchema = z
  .object({
    version: z.literal(1),
    tabs: z.array(z.object({ id: PaneIdSchema, title: z.string().max(200).optional(), root: PaneNodeSchema }).strict()).max(100),
    activeTab: PaneIdSchema.nullable(),
  })
  .strict();
export type Layout = z.infer<typeof LayoutSchema>;
