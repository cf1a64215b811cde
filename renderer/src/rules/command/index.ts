export { commandRulesArea } from './area';
