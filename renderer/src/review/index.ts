export { reviewArea } from './area';
