// The handlers' context, defined beside the areas that use it (../api-area.ts).
export type { ApiAreaDeps, ApiContext } from '../api-area';
