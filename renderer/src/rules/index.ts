// The rules area's entry: one area, each kind of rule a part in a folder here (area.tsx PARTS).
export { rulesArea } from './area';
