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

export const PaneNodeSchema: z.ZodType<PaneNode> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('terminal'), id: PaneIdSchema, host: HostNameSchema, login: LoginNameSchema }).strict(),
    z
      .object({
        kind: z.literal('split'),
        id: PaneIdSchema,
        direction: z.enum(['row', 'column']),
        sizes: z.array(z.number().positive().max(1)).min(2).max(16),
        children: z.array(PaneNodeSchema).min(2).max(16),
      })
      .strict()
      .refine((s) => s.sizes.length === s.children.length, 'one size per child'),
  ]),
);

export const LayoutSchema = z
  .object({
    version: z.literal(1),
    tabs: z.array(z.object({ id: PaneIdSchema, title: z.string().max(200).optional(), root: PaneNodeSchema }).strict()).max(100),
    activeTab: PaneIdSchema.nullable(),
  })
  .strict();
export type Layout = z.infer<typeof LayoutSchema>;
