// Keyboard dispatch: which action, if any, a key press runs. Pure, so every rule is unit-tested;
// the shell feeds it the key and where it was pressed, and runs what it returns.
import { isEnabled, matchAction, type ActionContext, type ActionDef, type ActionId, type KeyLike } from './actions';

/** Where the key was pressed. */
export interface KeyPlace {
  /** A dialog is open: it handles its own keys. */
  inDialog: boolean;
  inTerminal: boolean;
  /** A text field outside terminals (input, textarea, select). */
  typing: boolean;
  /** On a terminal pane (its frame or its terminal). */
  onPane: boolean;
}

/** The action the key runs (the caller then stops the key), or null: the key belongs to whatever has focus. */
export function dispatchKey(event: KeyLike, place: KeyPlace, actions: readonly ActionDef[], ctx: ActionContext): ActionId | null {
  if (place.inDialog) return null;
  const id = matchAction(event, actions);
  if (id) return isEnabled(actions.find((a) => a.id === id)!, ctx) ? id : null;
  if (event.ctrlKey || event.altKey || event.metaKey || place.typing) return null;
  const key = event.key.toLowerCase();
  const found = actions.find((a) => a.plainKey?.key.toLowerCase() === key && placeFits(a.plainKey.where, place, ctx) && (a.plainKey.onlyWhen?.(ctx) ?? true) && isEnabled(a, ctx));
  return found?.id ?? null;
}

function placeFits(where: 'outside-terminal' | 'anywhere' | 'ended-pane', place: KeyPlace, ctx: ActionContext): boolean {
  if (where === 'outside-terminal') return !place.inTerminal;
  if (where === 'ended-pane') return place.onPane && ctx.focusedPaneEnded;
  return true;
}
