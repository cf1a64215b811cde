// The system clipboard, where the page may use it (a secure context, with the user's permission):
// failures are quiet, as a refused copy or paste leaves nothing to repair.

export function writeClipboard(text: string): void {
  void navigator.clipboard?.writeText(text).catch(() => {});
}

export function readClipboard(use: (text: string) => void): void {
  void navigator.clipboard
    ?.readText()
    .then((text) => text && use(text))
    .catch(() => {});
}
