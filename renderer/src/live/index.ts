export { liveArea } from './area';
export { gatewayErrorText } from './wording';
export { ViewDialog } from './lazy';
