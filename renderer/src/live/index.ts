export { liveArea } from './area';
export { gatewayErrorText } from './wording';
