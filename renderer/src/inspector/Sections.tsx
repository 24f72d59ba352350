import { useId } from 'react';
import { formatPath } from '../../../shared/model/schema.js';
import { CheckboxField, FieldFrame, HelpToggle, NumberField, SelectField } from './controls.js';
import { DistributionField } from './DistributionField.js';
import {
  editLabel,
  rangeHint,
  type BooleanSpec,
  type FieldSpec,
  type NumberSpec,
  type OutcomesSpec,
  type PolicySpec,
  type SectionSpec,
  type SelectSpec,
} from './fields.js';
import { helpText } from './help.js';
import { LocationField } from './LocationField.js';
import { RateScheduleField } from './RateScheduleField.js';
import { messagesAt, valueAt, type ItemScope } from './scope.js';
import { SidecarTargetField } from './SidecarTargetField.js';

function lowerFirst(s: string): string {
  return s.length > 1 && s[1] === s[1]?.toLowerCase() ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

export function NumberSpecField({ spec, scope }: { spec: NumberSpec; scope: ItemScope }) {
  const value = valueAt(scope, spec.path);
  const key = formatPath(spec.path);
  const placeholder = scope.placeholders?.[key] ?? (spec.default === undefined ? '' : String(spec.default));
  const range = rangeHint(spec);
  const hint = [spec.default !== undefined ? `default ${spec.default}` : '', range, spec.note ?? '']
    .filter(Boolean)
    .join(' · ');
  return (
    <NumberField
      label={spec.label}
      value={value}
      placeholder={placeholder}
      unit={spec.unit}
      help={helpText(spec.help)}
      hint={hint}
      note={scope.notes?.[key]}
      errors={messagesAt(scope, spec.path)}
      step={spec.step}
      keepWhenEmpty={spec.keepWhenEmpty}
      onCommit={(v) => scope.set(editLabel(spec), [[spec.path, v]])}
    />
  );
}

function SelectSpecField({ spec, scope }: { spec: SelectSpec; scope: ItemScope }) {
  return (
    <SelectField
      label={spec.label}
      value={valueAt(scope, spec.path)}
      options={spec.options}
      defaultValue={spec.default}
      help={helpText(spec.help)}
      optionHelp={spec.optionHelp}
      errors={messagesAt(scope, spec.path)}
      onCommit={(v) => scope.set(editLabel(spec), [[spec.path, v]])}
    />
  );
}

function BooleanSpecField({ spec, scope }: { spec: BooleanSpec; scope: ItemScope }) {
  const value = valueAt(scope, spec.path);
  return (
    <CheckboxField
      label={spec.label}
      checked={typeof value === 'boolean' ? value : spec.default}
      help={helpText(spec.help)}
      errors={messagesAt(scope, spec.path)}
      // Back at the default, the key goes: the document keeps only what differs from the defaults.
      onChange={(checked) => scope.set(editLabel(spec), [[spec.path, checked === spec.default ? undefined : checked]])}
    />
  );
}

function OutcomesField({ spec, scope }: { spec: OutcomesSpec; scope: ItemScope }) {
  const id = useId();
  const value = valueAt(scope, spec.path);
  const chosen: readonly unknown[] = Array.isArray(value) ? value : spec.default;
  const errors = messagesAt(scope, spec.path);
  const toggle = (outcome: string, on: boolean) => {
    const next = spec.options.filter((o) => (o === outcome ? on : chosen.includes(o)));
    const isDefault = next.length === spec.default.length && next.every((o, i) => o === spec.default[i]);
    scope.set(`${on ? 'Retry' : 'Do not retry'} on ${outcome}`, [[spec.path, isDefault ? undefined : next]]);
  };
  return (
    <fieldset
      className={`field field--group${errors.length ? ' field--invalid' : ''}`}
      aria-describedby={`${id}-error`}
    >
      <legend className="field-label" title={helpText(spec.help)}>
        {spec.label}
      </legend>
      <div className="field-chips">
        {spec.options.map((o) => (
          <label key={o} className="chip">
            <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => toggle(o, e.target.checked)} />
            {o}
          </label>
        ))}
      </div>
      {errors.length ? (
        <div id={`${id}-error`} className="field-errors">
          {errors.map((m, i) => (
            <p key={i} className="field-error" role="alert">
              {m}
            </p>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

function PolicyField({ spec, scope, sectionHelp }: { spec: PolicySpec; scope: ItemScope; sectionHelp?: string }) {
  const value = valueAt(scope, spec.path);
  const on = value !== undefined;
  const help = helpText(spec.help);
  return (
    <div className={`policy${on ? ' policy--on' : ''}`}>
      <CheckboxField
        asSwitch
        label={spec.label}
        checked={on}
        help={help}
        errors={messagesAt(scope, spec.path, false)}
        onChange={(checked) =>
          scope.set(`${checked ? 'Add' : 'Remove'} ${lowerFirst(spec.label)}`, [[spec.path, checked ? {} : undefined]])
        }
      />
      {help !== sectionHelp ? <HelpToggle title={spec.label} text={help} /> : null}
      {on ? (
        <div className="policy-fields">
          {spec.children.map((child, i) => (
            <FieldView key={i} spec={child} scope={scope} sectionHelp={sectionHelp} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** One descriptor, drawn by the control that fits it. */
export function FieldView({ spec, scope, sectionHelp }: { spec: FieldSpec; scope: ItemScope; sectionHelp?: string }) {
  switch (spec.type) {
    case 'number':
      return <NumberSpecField spec={spec} scope={scope} />;
    case 'select':
      return <SelectSpecField spec={spec} scope={scope} />;
    case 'boolean':
      return <BooleanSpecField spec={spec} scope={scope} />;
    case 'outcomes':
      return <OutcomesField spec={spec} scope={scope} />;
    case 'policy':
      return <PolicyField spec={spec} scope={scope} sectionHelp={sectionHelp} />;
    case 'distribution':
      return <DistributionField spec={spec} scope={scope} />;
    case 'rateSchedule':
      return <RateScheduleField spec={spec} scope={scope} />;
    case 'location':
      return <LocationField spec={spec} scope={scope} />;
    case 'sidecarTarget':
      return <SidecarTargetField spec={spec} scope={scope} />;
    case 'slot':
      return scope.slots?.[spec.name] ?? null;
  }
}

/** A titled group of fields with its ⓘ explanation. */
export function Section({ section, scope }: { section: SectionSpec; scope: ItemScope }) {
  const help = helpText(section.help);
  return (
    <section className="insp-section" data-section={section.title}>
      <h3 className="insp-section-title">{section.title}</h3>
      <HelpToggle title={section.title} text={help} />
      {section.fields.map((f, i) => (
        <FieldView key={i} spec={f} scope={scope} sectionHelp={help} />
      ))}
    </section>
  );
}

export function Sections({ sections, scope }: { sections: readonly SectionSpec[]; scope: ItemScope }) {
  return (
    <>
      {sections.map((s) => (
        <Section key={s.title} section={s} scope={scope} />
      ))}
    </>
  );
}

/** A read-only value in the layout of a field (an id, a kind). */
export function ReadOnlyField({ label, value, help }: { label: string; value: string; help?: string }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} help={help} errors={[]}>
      <input id={id} className="field-input field-input--readonly" value={value} readOnly title={help} />
    </FieldFrame>
  );
}
