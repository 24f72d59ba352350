/** A row of mutually exclusive choices (radio buttons drawn as a segmented control), keyboard operable. */
export function Segmented<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string; disabled?: boolean; title?: string }[];
  onChange: (value: T) => void;
}) {
  const group = `bp-seg-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <fieldset className="bp-segmented">
      <legend>{label}</legend>
      <div className="bp-segmented-options">
        {options.map((o) => (
          <label
            key={String(o.value)}
            className={`${o.value === value ? 'checked' : ''}${o.disabled ? ' disabled' : ''}`}
            title={o.title}
          >
            <input
              type="radio"
              name={group}
              value={String(o.value)}
              checked={o.value === value}
              disabled={o.disabled}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
