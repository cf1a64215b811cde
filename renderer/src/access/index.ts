export { accessArea } from './area';
export { requestAccess } from './ask';
