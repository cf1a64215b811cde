import { lazy } from 'react';

export { accessArea } from './area';
export { requestAccess } from './ask';
export { connectedAs } from './actions';
export { accessRoles, useMyAccess } from './live-store';
/** The gateway's hosts line for a selector (admins), loaded with the dialog that shows it. */
export const SelectorPreviewFor = lazy(() => import('./SelectorPreviewFor'));
