/**
 * Form pieces the reporter pages and the call-taker's screen share: a labelled field
 * with its hint and its errors tied to the input, and a receipt code shown large.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { issueWordsOf, type IssueWords } from './errors.js';
import './receipt.css';

/** A labelled field with its hint and the errors that belong to it, each tied to the input. */
export function Field({
  id,
  label,
  hint,
  errors,
  optional,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  optional?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <div className="field" data-invalid={errors && errors.length > 0 ? 'true' : undefined}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t('field.optional')}</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {errors && errors.length > 0 && (
        <p className="field-error" id={`${id}-error`} data-testid={`error-${id}`}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** The aria attributes an input of a Field needs: its hint and errors described, invalid when it has any. */
export function described(id: string, hint: boolean, errors?: readonly string[]) {
  const invalid = Boolean(errors && errors.length > 0);
  const ids = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    'aria-describedby': ids || undefined,
    'aria-invalid': invalid || undefined,
  };
}

/** A receipt code large, in its groups of four (they wrap by group on a narrow screen). */
export function ReceiptCode({ receipt }: { receipt: string }) {
  const groups = receipt.split('-');
  return (
    <p className="receipt-code" data-testid="receipt">
      {groups.map((group, i) => (
        <span key={i} className="receipt-group">
          {group}
          {i < groups.length - 1 && '-'}
        </span>
      ))}
    </p>
  );
}

/** The page's words for the field issues it says in its own language (errors.ts `issueMessage`). */
export function useIssueWords(): IssueWords {
  const { t } = useTranslation('common');
  return issueWordsOf(t);
}
