export { accessArea } from './area';
export { requestAccess } from './ask';
export { useMyAccess } from './live-store';
