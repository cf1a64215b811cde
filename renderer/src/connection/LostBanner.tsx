/** The gateway connection dropped: one key (R) reconnects it and re-opens its terminals. */
export function LostBanner({ error, onReconnect }: { error: string | undefined; onReconnect: () => void }) {
  return (
    <div className="banner banner-warn" role="alert" data-testid="lost-banner">
      <span className="banner-title">Connection lost — press R to reconnect</span>
      {error && <span className="banner-detail">{error}</span>}
      <button type="button" className="button button-small" data-testid="reconnect" onClick={onReconnect}>
        Reconnect (R)
      </button>
    </div>
  );
}
