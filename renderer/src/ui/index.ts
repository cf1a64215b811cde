// The shared kit every area may use: dialog frames, small hooks and helpers. No area's own code.
export { CancelButton } from './CancelButton';
export { ConfirmDialog } from './ConfirmDialog';
export { ContextMenu, type MenuItem } from './ContextMenu';
export { Dialog } from './Dialog';
export { FormDialog } from './FormDialog';
export { ViewDialog } from './ViewDialog';
export { FieldError, invalidProps } from './FieldError';
export { errorText } from './error-text';
export { useNow } from './use-now';
export { lazyChunk } from './lazy-chunk';
export { createI18n, initAppI18n, loadAllCatalogs, loadRemainingCatalogs } from './i18n';
export { useLocale } from './use-locale';
