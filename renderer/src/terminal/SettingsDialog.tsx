import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsSchema, type Settings } from '../../../shared/contract/profiles';
import { fieldErrors } from '../model/form-errors';
import { LANGUAGES, type LanguageSetting } from '../model/locale';
import { FieldError, FormDialog, invalidProps, useLocale } from '../ui';

/** Each language by its own name, so whoever cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { en: 'English', 'zh-CN': '简体中文' };

export function SettingsDialog({ settings, onSave, onClose }: { settings: Settings; onSave: (s: Settings) => void; onClose: () => void }) {
  const { t } = useTranslation('terminal');
  const locale = useLocale();
  const [draft, setDraft] = useState(settings);
  // Checked as typed (every field starts valid); an emptied number field reads "Enter a number".
  const parsed = SettingsSchema.safeParse({ ...draft, fontFamily: draft.fontFamily.trim() });
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues, locale);
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return (
    <FormDialog
      title={t('settings.title')}
      testId="settings-dialog"
      submitLabel={t('settings.save')}
      canSubmit={parsed.success}
      onSubmit={() => {
        if (!parsed.success) return;
        onSave(parsed.data);
        onClose();
      }}
      onCancel={onClose}
    >
      <div className="form-grid">
        <label htmlFor="set-language">{t('settings.language')}</label>
        <select id="set-language" className="text-input" data-testid="settings-language" value={draft.language ?? 'auto'} onChange={(e) => setDraft({ ...draft, language: e.target.value as LanguageSetting })}>
          <option value="auto">{t('settings.languageAuto')}</option>
          {LANGUAGES.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {LANGUAGE_NAMES[lng]}
            </option>
          ))}
        </select>
        <label htmlFor="set-theme">{t('settings.theme')}</label>
        <select id="set-theme" className="text-input" value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value as Settings['theme'] })}>
          <option value="dark">{t('settings.dark')}</option>
          <option value="light">{t('settings.light')}</option>
        </select>
        <label htmlFor="set-font">{t('settings.font')}</label>
        <input id="set-font" className="text-input" value={draft.fontFamily} {...invalidProps('fontFamily', errors)} onChange={(e) => setDraft({ ...draft, fontFamily: e.target.value })} />
        <FieldError field="fontFamily" errors={errors} />
        <label htmlFor="set-size">{t('settings.size')}</label>
        <input id="set-size" className="text-input" type="number" min={6} max={48} value={Number.isNaN(draft.fontSize) ? '' : draft.fontSize} {...invalidProps('fontSize', errors)} onChange={(e) => setDraft({ ...draft, fontSize: number(e.target.value) })} />
        <FieldError field="fontSize" errors={errors} />
        <label htmlFor="set-scrollback">{t('settings.scrollback')}</label>
        <input id="set-scrollback" className="text-input" type="number" min={0} max={200000} step={1000} value={Number.isNaN(draft.scrollback) ? '' : draft.scrollback} {...invalidProps('scrollback', errors)} onChange={(e) => setDraft({ ...draft, scrollback: number(e.target.value) })} />
        <FieldError field="scrollback" errors={errors} />
        <label htmlFor="set-zoom">{t('settings.fontZoom')}</label>
        <select id="set-zoom" className="text-input" data-testid="settings-font-zoom" value={draft.fontZoom ?? 'pane'} onChange={(e) => setDraft({ ...draft, fontZoom: e.target.value as 'pane' | 'global' })}>
          <option value="pane">{t('settings.fontZoomPane')}</option>
          <option value="global">{t('settings.fontZoomGlobal')}</option>
        </select>
        <label htmlFor="set-copy-on-select">{t('settings.copyOnSelect')}</label>
        <input id="set-copy-on-select" type="checkbox" className="form-checkbox" data-testid="settings-copy-on-select" checked={draft.copyOnSelect ?? false} onChange={(e) => setDraft({ ...draft, copyOnSelect: e.target.checked })} />
        <label htmlFor="set-tree-health">{t('settings.treeHealth')}</label>
        <input id="set-tree-health" type="checkbox" className="form-checkbox" data-testid="settings-tree-health" checked={draft.treeHealth ?? true} onChange={(e) => setDraft({ ...draft, treeHealth: e.target.checked })} />
      </div>
      {errors[''] && <p className="error-text">{errors['']}</p>}
    </FormDialog>
  );
}
