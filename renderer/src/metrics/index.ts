export { metricsArea } from './area';
export { PlayerStrip } from './lazy';
