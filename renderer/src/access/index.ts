export { accessArea } from './area';
export { requestAccess } from './ask';
export { useMyAccess } from './live-store';
export { SelectorPreviewLine } from './SelectorPreviewLine';
export { useSelectorPreview } from './use-selector-preview';
export { accessRoles } from './live-store';
