// A field's validation message, beside the field: in a `.form-grid` it takes the row under the
// control (the label column stays empty), and the control points at it for screen readers.
import type { FieldErrors } from '../model/form-errors';

const errorId = (field: string) => `field-error-${field}`;

/** Props for the control of `field`: marked invalid and described by its message while it has one. */
export function invalidProps(field: string, errors: FieldErrors): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return errors[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': errorId(field) };
}

export function FieldError({ field, errors }: { field: string; errors: FieldErrors }) {
  const text = errors[field];
  if (text === undefined) return null;
  return (
    <>
      <span aria-hidden="true" />
      <p id={errorId(field)} className="field-error" data-testid="field-error" data-field={field}>
        {text}
      </p>
    </>
  );
}
