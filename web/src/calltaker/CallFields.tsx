/**
 * The call-taker's fields, one Report JSON field each, as the call form asks them and
 * as the answers to the next questions after sending ask them again (FollowUp.tsx):
 * the same inputs, the same words, each tied to its hint and its errors. The inputs'
 * ids are `<prefix>-<field>`; the reporter's form shares the when, category and
 * how-known fields (common/ReportFields.tsx).
 */
import { useTranslation } from 'react-i18next';
import { described, Field } from '../common/Field.js';
import { CategoryField, HowKnownField, WhenField } from '../common/ReportFields.js';
import type { NextQuestion } from '../../../src/normalize/next-questions.js';
import type { Language } from '../i18n.js';
import { useMeta } from '../shell/context.js';
import type { CallFields } from './draft.js';

/** The Report JSON fields the call-taker fills (`caller` is the caller's number). */
export type CallField =
  | 'narrative'
  | 'observedAt'
  | 'timezone'
  | 'location'
  | 'category'
  | 'howKnown'
  | 'subjects'
  | 'caller';

/** What a field's inputs are bound to: the form's values, how one changes, its errors. */
export interface FieldBinding {
  prefix: string;
  fields: CallFields;
  /** Sets one input; `field` is the Report field whose errors it clears. */
  set: (name: keyof CallFields, field: CallField) => (value: string) => void;
  errorsOf: (field: CallField) => string[];
}

export const fieldId = (prefix: string, field: string) => `${prefix}-${field}`;

/** IANA zones the browser knows, for the time-zone field's suggestions. */
const ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

const COORDINATES = ['lat', 'lon', 'accuracy'] as const;

export function CallFieldInput({ field, binding }: { field: CallField; binding: FieldBinding }) {
  const { t } = useTranslation('calltaker');
  const meta = useMeta();
  const { prefix, fields, set } = binding;
  const id = fieldId(prefix, field);
  const errors = binding.errorsOf(field);
  switch (field) {
    case 'narrative':
      return (
        <Field id={id} label={t('field.narrative')} errors={errors}>
          <textarea
            {...described(id, false, errors)}
            rows={5}
            value={fields.narrative}
            onChange={(e) => set('narrative', field)(e.target.value)}
          />
        </Field>
      );
    case 'observedAt':
      return (
        <WhenField
          ns="calltaker"
          id={id}
          errors={errors}
          text={fields.when}
          picked={fields.whenPick}
          onText={set('when', field)}
          onPicked={set('whenPick', field)}
        />
      );
    case 'timezone':
      return (
        <Field id={id} label={t('field.timezone')} hint={t('field.timezone.hint')} errors={errors}>
          <input
            {...described(id, true, errors)}
            type="text"
            list={`${prefix}-zones`}
            autoComplete="off"
            value={fields.timezone}
            onChange={(e) => set('timezone', field)(e.target.value)}
          />
          <datalist id={`${prefix}-zones`}>
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
      );
    case 'location':
      return (
        <Field id={id} label={t('field.where')} errors={errors}>
          <input
            {...described(id, false, errors)}
            type="text"
            value={fields.place}
            onChange={(e) => set('place', field)(e.target.value)}
          />
          <div className="row coordinates">
            {COORDINATES.map((name) => (
              <label key={name} className="sub-label">
                {t(`field.${name}`)}
                <input
                  type="text"
                  inputMode="decimal"
                  data-testid={name}
                  value={fields[name]}
                  onChange={(e) => set(name, field)(e.target.value)}
                />
              </label>
            ))}
          </div>
        </Field>
      );
    case 'category':
      return (
        <CategoryField
          ns="calltaker"
          id={id}
          errors={errors}
          meta={meta}
          choice={fields.category}
          other={fields.categoryOther}
          onChoice={set('category', field)}
          onOther={set('categoryOther', field)}
        />
      );
    case 'howKnown':
      return (
        <HowKnownField
          ns="calltaker"
          id={id}
          errors={errors}
          meta={meta}
          value={fields.howKnown}
          onChange={set('howKnown', field)}
        />
      );
    case 'subjects':
      return (
        <Field id={id} label={t('field.subjects')} errors={errors}>
          <input
            {...described(id, false, errors)}
            type="text"
            value={fields.subjects}
            onChange={(e) => set('subjects', field)(e.target.value)}
          />
        </Field>
      );
    case 'caller':
      return (
        <Field id={id} label={t('field.phone')} hint={t('field.phone.hint')} errors={errors}>
          <input
            {...described(id, true, errors)}
            type="tel"
            autoComplete="off"
            value={fields.phone}
            onChange={(e) => set('phone', field)(e.target.value)}
          />
        </Field>
      );
  }
}

/** The language the next questions are read out in (the screen stays in the call-taker's). */
export function AskIn({ value, onChange }: { value: Language; onChange: (lng: Language) => void }) {
  const { t } = useTranslation('calltaker');
  return (
    <label className="ask-in">
      {t('askIn')}{' '}
      <select
        data-testid="ask-in"
        value={value}
        onChange={(e) => onChange(e.target.value as Language)}
      >
        <option value="en">English</option>
        <option value="zh">中文</option>
      </select>
    </label>
  );
}

/** A next question as read out to the caller, with what answering it adds. */
export function Asked({ question, askIn }: { question: NextQuestion; askIn: Language }) {
  const { t } = useTranslation('calltaker');
  return (
    <>
      <span className="question" lang={askIn === 'zh' ? 'zh-CN' : 'en'}>
        {question.question[askIn]}
      </span>{' '}
      <span className="muted gain">
        {t('questions.gain', { points: Math.round(question.gain * 100) })}
      </span>
    </>
  );
}
