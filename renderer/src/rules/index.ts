export { rulesArea } from './area';
