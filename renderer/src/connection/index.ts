export { connectionArea } from './area';
export { useGateway, useProfiles, type GatewayControl, type ProfilesControl } from './hooks';
