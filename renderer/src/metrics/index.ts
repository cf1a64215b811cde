export { metricsArea } from './area';
