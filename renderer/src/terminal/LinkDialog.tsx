import { ConfirmDialog } from '../ui';

/** A link clicked in a terminal: show exactly where it goes, open only if the user says so. */
export function LinkDialog({ url, onOpen, onCancel }: { url: string; onOpen: () => void; onCancel: () => void }) {
  const host = new URL(url).host;
  return (
    <ConfirmDialog
      title="Open this link?"
      testId="link-dialog"
      confirmLabel="Open in browser"
      onConfirm={onOpen}
      onCancel={onCancel}
      cancelTestId="link-cancel"
      confirmTestId="link-open"
    >
      <p>
        A terminal asks to open a page on <strong>{host}</strong>:
      </p>
      <code className="url-box">{url}</code>
      <p className="muted small">Text in a terminal comes from the remote host; open links only from sources you trust.</p>
    </ConfirmDialog>
  );
}
