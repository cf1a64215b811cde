export function MainSideLostBanner({ reason }: { reason: string }) {
  return (
    <div className="banner banner-error" role="alert" data-testid="main-side-lost">
      <span className="banner-title">Connection to the app&apos;s main side lost</span>
      <span className="banner-detail">{reason}</span>
      <button type="button" className="button button-small" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );
}
