// The rules areas' entry: each kind of rule is its own area in a folder here.
export { commandRulesArea } from './command';
export { rulesArea } from './area';
