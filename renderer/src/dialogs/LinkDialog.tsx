import { Dialog } from './Dialog';

/** A link clicked in a terminal: show exactly where it goes, open only if the user says so. */
export function LinkDialog({ url, onOpen, onCancel }: { url: string; onOpen: () => void; onCancel: () => void }) {
  const host = new URL(url).host;
  return (
    <Dialog
      title="Open this link?"
      testId="link-dialog"
      onCancel={onCancel}
      initialFocus="[data-testid=link-cancel]"
      footer={
        <>
          <button type="button" className="button" data-testid="link-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-primary" data-testid="link-open" onClick={onOpen}>
            Open in browser
          </button>
        </>
      }
    >
      <p>
        A terminal asks to open a page on <strong>{host}</strong>:
      </p>
      <code className="url-box">{url}</code>
      <p className="muted small">Text in a terminal comes from the remote host; open links only from sources you trust.</p>
    </Dialog>
  );
}
