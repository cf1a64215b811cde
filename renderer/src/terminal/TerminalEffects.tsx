// The terminal area's dialogs (settings, a clicked link) and how terminals follow the rest of the
// app: the settings, the saved layout, and the gateway connection (lost with it, reopened after).
import { useEffect, useRef, useState } from 'react';
import { openableUrl } from '../model/links';
import type { ShellContext } from '../registry';
import { BROADCAST_MODAL } from './broadcast-actions';
import { BroadcastConfirm } from './BroadcastConfirm';
import { LinkDialog, SettingsDialog } from './lazy';
import { terminalOptionsFor } from './theme';
import { useLayoutPersistence } from './useLayoutPersistence';

export const SETTINGS_MODAL = 'terminal.settings';

export function TerminalEffects({ ctx }: { ctx: ShellContext }) {
  const { api, store, settings, appInfo } = ctx;
  const status = ctx.gateway.state?.status;
  const error = ctx.gateway.state?.error;
  const [pendingLink, setPendingLink] = useState<string | null>(null);
  useLayoutPersistence(api, store);

  useEffect(() => store.setTerminalOptions(terminalOptionsFor(settings.settings)), [settings.settings, store]);
  const { copyOnSelect = false, fontZoom = 'pane' } = settings.settings;
  useEffect(() => store.setPaneBehaviour({ copyOnSelect, fontZoom }), [copyOnSelect, fontZoom, store]);

  // What the user opens while disconnected waits for the connection (offered first); without the
  // main side nothing can connect, so it opens and says why it failed.
  const { whenConnected } = ctx.gateway;
  const mainSideLost = ctx.mainSideLost;
  useEffect(() => store.setConnectGate((what, run) => (mainSideLost ? run() : whenConnected(what, run))), [store, whenConnected, mainSideLost]);

  // Links in terminals: confirm first, and only http(s).
  useEffect(() => store.setLinkHandler((uri) => setPendingLink(openableUrl(uri))), [store]);
  // After the commit that removed the link dialog, so the pointer is over the terminal again.
  const linkDialogShown = useRef(false);
  useEffect(() => {
    if (pendingLink) linkDialogShown.current = true;
    else if (linkDialogShown.current) {
      linkDialogShown.current = false;
      store.linkDialogClosed();
    }
  }, [pendingLink, store]);

  // The gateway connection was lost: every terminal on it is lost too.
  useEffect(() => {
    if (status === 'lost') store.loseAll({ status: 'lost', reason: 'gateway_lost', connectionError: error });
  }, [status, error, store]);

  // After a host-key trust or a passphrase, the connection comes up by another path than
  // "reconnect": the lost terminals reopen then too.
  const wasLost = useRef(false);
  useEffect(() => {
    if (status === 'lost') wasLost.current = true;
    if (status === 'connected' && wasLost.current) {
      wasLost.current = false;
      store.reopenLost();
    }
  }, [status, store]);

  return (
    <>
      {ctx.modal === BROADCAST_MODAL && <BroadcastConfirm broadcast={store.broadcast} onClose={ctx.closeModal} />}
      {ctx.modal === SETTINGS_MODAL && <SettingsDialog settings={settings.settings} onSave={settings.save} onClose={ctx.closeModal} />}
      {pendingLink && (
        <LinkDialog
          url={pendingLink}
          onCancel={() => setPendingLink(null)}
          onOpen={() => {
            const url = pendingLink;
            setPendingLink(null);
            // The browser shell is a browser already: a new tab. Electron: the system browser, via main.
            if (appInfo?.shell === 'browser') window.open(url, '_blank', 'noopener,noreferrer');
            else void api.request('app.openExternal', { url }).catch(() => {});
          }}
        />
      )}
    </>
  );
}
