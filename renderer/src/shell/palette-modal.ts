/** The palette's modal id; `${PALETTE_MODAL}:${area}` shows only that area's palette entries. */
export const PALETTE_MODAL = 'shell.palette';

/** Which area's entries alone the open palette shows (undefined: everything), or null if it is not open. */
export function paletteOnly(modal: string | null): string | undefined | null {
  if (modal === PALETTE_MODAL) return undefined;
  return modal?.startsWith(`${PALETTE_MODAL}:`) ? modal.slice(PALETTE_MODAL.length + 1) : null;
}
