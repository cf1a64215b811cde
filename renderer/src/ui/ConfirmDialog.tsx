// A yes/no question whose "yes" has consequences (trust a key, open a link): Cancel has the focus,
// so Enter never confirms by accident; Esc cancels.
import type { ReactNode } from 'react';
import { CancelButton } from './CancelButton';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  /** The dialog's test id; its buttons are `${testId}-cancel` and `${testId}-confirm` unless named. */
  testId: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  cancelTestId?: string;
  confirmTestId?: string;
  /** `danger`: red, and a click beside it does not cancel (a question about production hosts). */
  tone?: 'normal' | 'danger';
  children: ReactNode;
}

export function ConfirmDialog({ title, testId, confirmLabel, onConfirm, onCancel, cancelTestId = `${testId}-cancel`, confirmTestId = `${testId}-confirm`, tone, children }: Props) {
  return (
    <Dialog
      title={title}
      testId={testId}
      tone={tone}
      onCancel={onCancel}
      initialFocus={`[data-testid=${cancelTestId}]`}
      footer={
        <>
          <CancelButton testId={cancelTestId} onCancel={onCancel} />
          <button type="button" className="button button-primary" data-testid={confirmTestId} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
