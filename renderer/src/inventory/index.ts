export { inventoryArea } from './area';
