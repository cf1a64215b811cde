export { directoryArea } from './area';
