// A wide modal holding a whole view (a table, a terminal): the live sessions and the audit log.
// Its footer ends with Close; `actions` go before it. Its styles: styles/review.css.
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  /** The dialog's test id; its close button is `${testId}-close`. */
  testId: string;
  closeLabel: string;
  onClose: () => void;
  actions?: ReactNode;
  children: ReactNode;
}

export function ViewDialog({ title, testId, closeLabel, onClose, actions, children }: Props) {
  const footer = (
    <>
      {actions}
      <button type="button" className="button" data-testid={`${testId}-close`} onClick={onClose}>
        {closeLabel}
      </button>
    </>
  );
  return (
    <div className="review-modal">
      <Dialog title={title} testId={testId} onCancel={onClose} footer={footer}>
        {children}
      </Dialog>
    </div>
  );
}
