export { App } from './App';
export type { Area, ShellContext, Slot } from './area';
export { ACTIONS, AREAS } from './areas';
export { NoTokenScreen } from './NoTokenScreen';
