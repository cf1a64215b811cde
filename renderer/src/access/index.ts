export { accessArea } from './area';
export { requestAccess } from './ask';
export { accessRoles } from './live-store';
