import { REGION_PRESETS, type RegionPreset, type TopologyNode } from '../../../shared/model/types.js';
import { useEditor } from '../store/useEditor.js';
import { NumberField, SelectField } from './controls.js';
import { formatCoordinates, regionCoordinates } from './derived.js';
import type { CustomSpec, SelectOption } from './fields.js';
import { helpText } from './help.js';
import { messagesAt, valueAt, type ItemScope } from './scope.js';

/** Where each preset is, to make the list readable. */
const PLACES: Record<RegionPreset, string> = {
  'us-east': 'Virginia',
  'us-west': 'California',
  'sa-east': 'São Paulo',
  'eu-west': 'Ireland',
  'eu-central': 'Frankfurt',
  'ap-south': 'Mumbai',
  'ap-northeast': 'Tokyo',
  'ap-southeast': 'Sydney',
  'af-south': 'Cape Town',
};

const CUSTOM = 'custom';
const PRESETS = Object.keys(REGION_PRESETS) as RegionPreset[];
const OPTIONS: readonly SelectOption[] = [
  ...PRESETS.map((p) => ({ value: p, label: `${p} (${PLACES[p]})` })),
  { value: CUSTOM, label: 'Custom coordinates' },
];

/** A region's location: a preset, or custom latitude and longitude; a zone may keep its region's. */
export function LocationField({ spec, scope }: { spec: CustomSpec; scope: ItemScope }) {
  const region = scope.item as TopologyNode;
  const parent = useEditor((s) =>
    region.parent === undefined ? undefined : s.doc.nodes.find((n) => n.id === region.parent),
  );
  const zoneOf = parent?.kind === 'region' ? parent : undefined;
  const at = (key: string) => [...spec.path, key];
  const location = valueAt(scope, at('location'));
  const lat = valueAt(scope, at('lat'));
  const lon = valueAt(scope, at('lon'));
  const custom = lat !== undefined || lon !== undefined;
  const mode = custom && location === undefined ? CUSTOM : location;
  const coords = regionCoordinates(region, zoneOf ? [region, zoneOf] : [region]);
  const help = helpText(spec.help);

  const choose = (v: string | number | undefined) => {
    if (v === CUSTOM) {
      const from = coords ?? { lat: 0, lon: 0 };
      scope.set('Set location', [
        [at('location'), undefined],
        [at('lat'), from.lat],
        [at('lon'), from.lon],
      ]);
    } else {
      scope.set('Set location', [
        [at('location'), v],
        [at('lat'), undefined],
        [at('lon'), undefined],
      ]);
    }
  };

  const zoneLabel = zoneOf ? `Same as ${zoneOf.label ?? zoneOf.id}` : 'None';
  return (
    <div className="location">
      {zoneOf ? (
        <p className="muted small" title={helpText('zone')}>
          A zone of {zoneOf.label ?? zoneOf.id}: edges to its other zones take 0.5 ms one way.
        </p>
      ) : null}
      <SelectField
        label={spec.label}
        value={mode}
        options={OPTIONS}
        emptyLabel={zoneLabel}
        help={help}
        note={coords ? `Coordinates: ${formatCoordinates(coords)}` : 'No location yet'}
        errors={messagesAt(scope, at('location'))}
        onCommit={choose}
      />
      {custom ? (
        <>
          <NumberField
            label="Latitude"
            unit="°"
            value={lat}
            placeholder="required"
            hint="−90 (south) to 90 (north)"
            help={helpText('lat')}
            errors={messagesAt(scope, at('lat'))}
            onCommit={(v) => scope.set('Set latitude', [[at('lat'), v]])}
          />
          <NumberField
            label="Longitude"
            unit="°"
            value={lon}
            placeholder="required"
            hint="−180 (west) to 180 (east)"
            help={helpText('lon')}
            errors={messagesAt(scope, at('lon'))}
            onCommit={(v) => scope.set('Set longitude', [[at('lon'), v]])}
          />
        </>
      ) : null}
    </div>
  );
}
