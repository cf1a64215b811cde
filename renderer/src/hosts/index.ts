export { hostsArea } from './area';
export { prefetchHosts } from './hosts-prefetch';
export { useHosts, type HostsControl } from './useHosts';
