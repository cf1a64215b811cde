// A modal dialog: focus moves in (to `initialFocus`, else the first control), Tab stays inside,
// Esc cancels, and focus returns where it was when the dialog closes.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  tone?: 'normal' | 'danger';
  testId: string;
  onCancel: () => void;
  /** CSS selector of the element to focus first (inside the dialog). */
  initialFocus?: string;
  wide?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}

export function Dialog({ title, tone = 'normal', testId, onCancel, initialFocus, wide, children, footer }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const el = ref.current;
    const first = (initialFocus && el?.querySelector<HTMLElement>(initialFocus)) || el?.querySelector<HTMLElement>('input, select, button, [tabindex="0"]');
    first?.focus();
    return () => previous?.focus?.();
  }, [initialFocus]); // once: initialFocus is a constant per dialog

  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation(); // keys typed in a dialog never reach terminals or app shortcuts
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Tab') {
      const focusables = [...(ref.current?.querySelectorAll<HTMLElement>('input, select, button, textarea, [tabindex="0"]') ?? [])].filter((x) => !x.hasAttribute('disabled'));
      const first = focusables[0];
      const last = focusables[focusables.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && tone !== 'danger' && onCancel()}>
      <div
        ref={ref}
        className={`modal modal-${tone}${wide ? ' modal-wide' : ''}`}
        role={tone === 'danger' ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <h2 className="modal-title">{title}</h2>
        <div className="modal-body">{children}</div>
        {footer && <div className="modal-footer">{footer}</div>}
      </div>
    </div>
  );
}
