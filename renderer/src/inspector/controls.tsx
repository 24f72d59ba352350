import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { optionHelp } from './help.js';
import type { SelectOption } from './fields.js';

/** Messages shown under a field: the validator's (the CLI's text) and the field's own ("must be a number"). */
function Errors({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="field-errors">
      {messages.map((m, i) => (
        <p key={i} className="field-error" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}

interface FrameProps {
  id: string;
  label: string;
  help?: string;
  unit?: string;
  /** Range and default, shown while the field has focus. */
  hint?: string;
  /** Shown under the field at all times (the chosen option's meaning, a derived value). */
  note?: ReactNode;
  errors: readonly string[];
  children: ReactNode;
  className?: string;
  /** Keeps room for a unit even without one, so that number fields line up. */
  reserveUnit?: boolean;
}

/** A labelled row: label, control with its unit, then hint, note and errors. */
export function FieldFrame(props: FrameProps) {
  const { id, label, help, unit, hint, note, errors, children, className, reserveUnit } = props;
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label" title={help}>
        {label}
      </label>
      <div className="field-control">
        {children}
        {unit || reserveUnit ? <span className="field-unit">{unit}</span> : null}
      </div>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {note ? <div className="field-note">{note}</div> : null}
      <Errors id={`${id}-error`} messages={errors} />
    </div>
  );
}

function describedBy(id: string, hint: boolean, errors: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses what the user typed: a plain decimal number (`_` may group digits), or null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/_/g, '');
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function shown(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/**
 * Keeps what the user is typing until it is committed (blur or Enter) or reverted (Escape). A draft still open when
 * the field goes away (the selection changed under it) is committed then.
 */
function useDraft(value: unknown, commitText: (text: string) => boolean) {
  const [draft, setDraft] = useState<string | null>(null);
  const latest = useRef({ draft, commitText });
  latest.current = { draft, commitText };
  useEffect(
    () => () => {
      const { draft: pending, commitText: commit } = latest.current;
      if (pending !== null) commit(pending);
    },
    [],
  );
  return {
    text: draft ?? shown(value),
    editing: draft !== null,
    change: (text: string) => setDraft(text),
    commit() {
      if (draft === null) return;
      if (commitText(draft)) setDraft(null);
    },
    revert: () => setDraft(null),
  };
}

interface NumberFieldProps {
  label: string;
  value: unknown;
  placeholder?: string;
  unit?: string;
  help?: string;
  hint?: string;
  note?: ReactNode;
  errors: readonly string[];
  step?: number;
  /** Emptying the field keeps the value rather than removing it. */
  keepWhenEmpty?: boolean;
  /** A number, or undefined to remove the key (the default applies). */
  onCommit(value: number | undefined): void;
}

/**
 * A number typed as text: committed on blur or Enter, reverted with Escape; arrow keys step it. Out-of-range values
 * are committed (the validator reports them); text that is not a number is not.
 */
export function NumberField(props: NumberFieldProps) {
  const { label, value, placeholder, unit, help, hint, note, errors, step = 1, keepWhenEmpty, onCommit } = props;
  const id = useId();
  const [localError, setLocalError] = useState<string | null>(null);
  const draft = useDraft(value, (text) => {
    if (text.trim() === '') {
      if (!keepWhenEmpty && value !== undefined) onCommit(undefined);
      setLocalError(null);
      return true;
    }
    const n = parseNumber(text);
    if (n === null) {
      setLocalError('must be a number');
      return false;
    }
    if (n !== value) onCommit(n);
    setLocalError(null);
    return true;
  });
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      draft.commit();
    } else if (e.key === 'Escape') {
      if (draft.editing || localError) {
        e.preventDefault();
        e.stopPropagation();
      }
      draft.revert();
      setLocalError(null);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const base = draft.text.trim() === '' ? parseNumber(placeholder ?? '') : parseNumber(draft.text);
      if (base === null) return;
      e.preventDefault();
      const delta = (e.key === 'ArrowUp' ? 1 : -1) * step * (e.shiftKey ? 10 : 1);
      draft.change(String(Number((base + delta).toPrecision(12))));
      setLocalError(null);
    }
  };
  const messages = localError ? [localError, ...errors] : errors;
  return (
    <FieldFrame id={id} label={label} help={help} unit={unit} hint={hint} note={note} errors={messages} reserveUnit>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className="field-input field-input--number"
        value={draft.text}
        placeholder={placeholder}
        title={help}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={describedBy(id, !!hint, messages.length > 0)}
        onChange={(e) => {
          draft.change(e.target.value);
          if (localError) setLocalError(null);
        }}
        onBlur={draft.commit}
        onKeyDown={onKeyDown}
      />
    </FieldFrame>
  );
}

interface TextFieldProps {
  label: string;
  value: string | undefined;
  placeholder?: string;
  help?: string;
  errors: readonly string[];
  multiline?: boolean;
  readOnly?: boolean;
  onCommit?(value: string): void;
}

/** Text committed on blur or Enter (Ctrl/Cmd+Enter in a multi-line field), reverted with Escape. */
export function TextField({ label, value, placeholder, help, errors, multiline, readOnly, onCommit }: TextFieldProps) {
  const id = useId();
  const draft = useDraft(value, (text) => {
    if (text !== (value ?? '')) onCommit?.(text);
    return true;
  });
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      draft.commit();
    } else if (e.key === 'Escape') {
      if (draft.editing) {
        e.preventDefault();
        e.stopPropagation();
      }
      draft.revert();
    }
  };
  const common = {
    id,
    className: multiline ? 'field-input field-textarea' : 'field-input',
    value: draft.text,
    placeholder,
    readOnly,
    title: help,
    'aria-invalid': errors.length ? true : undefined,
    'aria-describedby': describedBy(id, false, errors.length > 0),
    onChange: (e: { target: { value: string } }) => draft.change(e.target.value),
    onBlur: draft.commit,
    onKeyDown,
  };
  return (
    <FieldFrame id={id} label={label} help={help} errors={errors} className={multiline ? 'field--wide' : undefined}>
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" autoComplete="off" {...common} />}
    </FieldFrame>
  );
}

interface SelectFieldProps {
  label: string;
  value: unknown;
  options: readonly SelectOption[];
  /** The value an absent key means; offered as the first option. Without it, `emptyLabel` names "nothing". */
  defaultValue?: string | number;
  emptyLabel?: string;
  help?: string;
  optionHelp?: string;
  note?: ReactNode;
  errors: readonly string[];
  onCommit(value: string | number | undefined): void;
}

/** A choice among options, committed at once. The first option stands for "not set" (the default applies). */
export function SelectField(props: SelectFieldProps) {
  const { label, value, options, defaultValue, emptyLabel, help, errors, onCommit } = props;
  const id = useId();
  const index = value === undefined ? -1 : options.findIndex((o) => o.value === value);
  const current = value === undefined ? '' : index >= 0 ? String(index) : 'other';
  const defaultOption = options.find((o) => o.value === defaultValue);
  const empty =
    defaultValue !== undefined ? `Default (${defaultOption?.label ?? String(defaultValue)})` : (emptyLabel ?? '—');
  const effective = value ?? defaultValue;
  const meaning =
    typeof effective === 'string' || typeof effective === 'number'
      ? optionHelp(props.optionHelp, effective)
      : undefined;
  const note = props.note ?? meaning;
  return (
    <FieldFrame id={id} label={label} help={help} note={note} errors={errors}>
      <select
        id={id}
        className="field-input field-select"
        value={current}
        title={help}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, false, errors.length > 0)}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'other') return;
          onCommit(v === '' ? undefined : options[Number(v)]?.value);
        }}
      >
        <option value="">{empty}</option>
        {options.map((o, i) => (
          <option key={String(o.value)} value={String(i)}>
            {o.label}
          </option>
        ))}
        {current === 'other' ? <option value="other">{`${shown(value)} (not valid)`}</option> : null}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  help?: string;
  errors: readonly string[];
  /** Draws it as an on/off switch (a policy) rather than a checkbox (a setting). */
  asSwitch?: boolean;
  onChange(checked: boolean): void;
}

/** A boolean committed at once; the label follows the box, as in a property panel. */
export function CheckboxField({ label, checked, help, errors, asSwitch, onChange }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`field field--check${asSwitch ? ' field--switch' : ''}${errors.length ? ' field--invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        role={asSwitch ? 'switch' : undefined}
        className={asSwitch ? 'switch' : 'checkbox'}
        checked={checked}
        title={help}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, false, errors.length > 0)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="field-label" title={help}>
        {label}
      </label>
      <Errors id={`${id}-error`} messages={errors} />
    </div>
  );
}

/** A section's explanation behind a small ⓘ toggle. */
export function HelpToggle({ title, text }: { title: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <details className="help">
      <summary title={`About ${title}`}>
        <span aria-hidden="true" className="help-icon">
          i
        </span>
        <span className="sr-only">About {title}</span>
      </summary>
      <p>{text}</p>
    </details>
  );
}
