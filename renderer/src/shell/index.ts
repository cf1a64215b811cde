export { App } from './App';
export { ACTIONS, AREAS } from './areas';
export { NoTokenScreen } from './NoTokenScreen';
