export { batchArea } from './area';
export { chooseBatchHosts } from './choose';
