/**
 * Fields of a report that the public report form and the call-taker's screen both ask
 * for, the same way: when (in words, or picked on a calendar and sent as the wall-clock
 * time), the category (an event kind, or something else in words) and how the reporter
 * knows. Each page says them in its own words: `ns` names its catalogue, which holds
 * the same keys (`field.when`, `field.when.hint`, `field.when.pick`, `field.category`…).
 */
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { kindText, type Meta } from '../meta.js';
import { described, Field } from './Field.js';
import { OTHER_CATEGORY, wallClockOf } from './report-body.js';

type PageNamespace = 'public' | 'calltaker';

interface FieldProps {
  ns: PageNamespace;
  /** The input's id; its hint and errors are `<id>-hint` and `<id>-error`. */
  id: string;
  errors: readonly string[];
  optional?: boolean;
}

/** When it happened: the words as said, or a date and time picked (which fills the words). */
export function WhenField({
  ns,
  id,
  errors,
  optional,
  text,
  picked,
  onText,
  onPicked,
}: FieldProps & {
  text: string;
  /** The picker's value (`2026-11-20T21:10`), kept so that it shows what was picked. */
  picked: string;
  onText: (text: string) => void;
  onPicked: (picked: string) => void;
}) {
  const { t } = useTranslation(ns);
  return (
    <Field
      id={id}
      label={t('field.when')}
      hint={t('field.when.hint')}
      errors={errors}
      optional={optional}
    >
      <input
        {...described(id, true, errors)}
        type="text"
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      <label className="sub-label">
        {t('field.when.pick')}
        <input
          type="datetime-local"
          data-testid="when-pick"
          value={picked}
          onChange={(e) => {
            const value = e.target.value;
            onPicked(value);
            if (value) onText(wallClockOf(value));
          }}
        />
      </label>
    </Field>
  );
}

/** The category: one of the event kinds, or "something else" with its words beside it. */
export function CategoryField({
  ns,
  id,
  errors,
  optional,
  meta,
  choice,
  other,
  onChoice,
  onOther,
}: FieldProps & {
  meta: Meta;
  choice: string;
  other: string;
  onChoice: (choice: string) => void;
  onOther: (other: string) => void;
}) {
  const { t } = useTranslation(ns);
  const lng = useLang();
  return (
    <Field id={id} label={t('field.category')} errors={errors} optional={optional}>
      <select
        {...described(id, false, errors)}
        value={choice}
        onChange={(e) => onChoice(e.target.value)}
      >
        <option value="">{t('field.category.none')}</option>
        {Object.keys(meta.eventKinds).map((code) => (
          <option key={code} value={code}>
            {kindText(meta, code, lng)}
          </option>
        ))}
        <option value={OTHER_CATEGORY}>{t('field.category.other')}</option>
      </select>
      {choice === OTHER_CATEGORY && (
        <label className="sub-label">
          {t('field.category.otherText')}
          <input
            type="text"
            data-testid="category-other"
            value={other}
            onChange={(e) => onOther(e.target.value)}
          />
        </label>
      )}
    </Field>
  );
}

/** How the reporter knows: saw, heard, was told… (the server's list). */
export function HowKnownField({
  ns,
  id,
  errors,
  optional,
  meta,
  value,
  onChange,
}: FieldProps & { meta: Meta; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation(ns);
  const lng = useLang();
  return (
    <Field id={id} label={t('field.howKnown')} errors={errors} optional={optional}>
      <select
        {...described(id, false, errors)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('field.howKnown.none')}</option>
        {meta.howKnown.map((h) => (
          <option key={h.code} value={h.code}>
            {h[lng]}
          </option>
        ))}
      </select>
    </Field>
  );
}
