export { filesArea } from './area';
