import { useState } from 'react';
import type { Settings } from '../../../shared/contract/profiles';
import { FormDialog } from '../ui';

export function SettingsDialog({ settings, onSave, onClose }: { settings: Settings; onSave: (s: Settings) => void; onClose: () => void }) {
  const [draft, setDraft] = useState(settings);
  const valid = draft.fontFamily.trim() !== '' && draft.fontSize >= 6 && draft.fontSize <= 48 && draft.scrollback >= 0 && draft.scrollback <= 200_000;
  return (
    <FormDialog
      title="Terminal settings"
      testId="settings-dialog"
      submitLabel="Save"
      canSubmit={valid}
      onSubmit={() => {
        onSave({ ...draft, fontFamily: draft.fontFamily.trim() });
        onClose();
      }}
      onCancel={onClose}
    >
      <div className="form-grid">
        <label htmlFor="set-theme">Theme</label>
        <select id="set-theme" className="text-input" value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value as Settings['theme'] })}>
          <option value="dark">Dark</option>
          <option value="light">Light</option>
        </select>
        <label htmlFor="set-font">Font</label>
        <input id="set-font" className="text-input" value={draft.fontFamily} onChange={(e) => setDraft({ ...draft, fontFamily: e.target.value })} />
        <label htmlFor="set-size">Size</label>
        <input id="set-size" className="text-input" type="number" min={6} max={48} value={draft.fontSize} onChange={(e) => setDraft({ ...draft, fontSize: Number(e.target.value) })} />
        <label htmlFor="set-scrollback">Scrollback lines</label>
        <input id="set-scrollback" className="text-input" type="number" min={0} max={200000} step={1000} value={draft.scrollback} onChange={(e) => setDraft({ ...draft, scrollback: Number(e.target.value) })} />
      </div>
      {!valid && <p className="error-text">Size is 6–48 and scrollback 0–200 000 lines.</p>}
    </FormDialog>
  );
}
