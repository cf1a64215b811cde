// A dialog that asks for input and sends it: Enter in a field submits (the primary button belongs
// to the form), Esc or Cancel cancels, and the primary button stays disabled until `canSubmit`.
import type { ReactNode } from 'react';
import { CancelButton } from './CancelButton';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  /** The dialog's test id; its form is `${testId}-form`, its buttons `${testId}-cancel` and `${testId}-submit`. */
  testId: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function FormDialog({ title, testId, submitLabel, canSubmit, onSubmit, onCancel, children }: Props) {
  const formId = `${testId}-form`;
  return (
    <Dialog
      title={title}
      testId={testId}
      onCancel={onCancel}
      footer={
        <>
          <CancelButton testId={`${testId}-cancel`} onCancel={onCancel} />
          <button type="submit" form={formId} className="button button-primary" data-testid={`${testId}-submit`} disabled={!canSubmit}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit) onSubmit();
        }}
      >
        {children}
      </form>
    </Dialog>
  );
}
