import { ctrlShift, type ActionDef } from '../model/actions';

export const METRICS_ACTIONS: readonly ActionDef[] = [
  // For the active pane's host; the panel itself says when the gateway is not connected.
  { id: 'metrics.toggle', title: 'metrics:actions.metrics.toggle', group: 'Panes', shortcut: ctrlShift('KeyU'), when: (ctx) => ctx.hasTab },
];
