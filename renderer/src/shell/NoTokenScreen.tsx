// Shown in the browser shell when the page was opened without its per-launch token.
export function NoTokenScreen() {
  return (
    <div className="center-screen" data-testid="no-token">
      <div className="card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Portcullis
        </div>
        <h1>Open the address printed by <code>npm start</code></h1>
        <p>
          This page talks to the Portcullis app running on this machine, and only with the access token that comes with
          the address the app prints when it starts, like:
        </p>
        <pre className="sample-url">http://127.0.0.1:PORT/#token=…</pre>
        <p className="muted">The token is new on every launch. Copy the whole line from the terminal where the app runs.</p>
      </div>
    </div>
  );
}
