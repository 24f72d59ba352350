import { useMemo } from 'react';
import type { TopologyNode } from '../../../shared/model/types.js';
import { attachSidecar, setNodeField } from '../store/docOps.js';
import { useActions, useEditor } from '../store/useEditor.js';
import { SelectField } from './controls.js';
import type { CustomSpec, SelectOption } from './fields.js';
import { helpText } from './help.js';
import { messagesAt, valueAt, type ItemScope } from './scope.js';

/** The service a sidecar is attached to, chosen by its label. */
export function SidecarTargetField({ spec, scope }: { spec: CustomSpec; scope: ItemScope }) {
  const sidecar = scope.item as TopologyNode;
  const nodes = useEditor((s) => s.doc.nodes);
  const { edit } = useActions();
  const options: SelectOption[] = useMemo(
    () =>
      nodes
        .filter((n) => n.kind === 'service')
        .map((n) => ({ value: n.id, label: n.label && n.label !== n.id ? `${n.label} (${n.id})` : n.id })),
    [nodes],
  );
  const value = valueAt(scope, spec.path);
  return (
    <SelectField
      label={spec.label}
      value={value}
      options={options}
      emptyLabel="Not attached"
      help={helpText(spec.help)}
      note={options.length === 0 ? 'Add a service to attach this sidecar to.' : undefined}
      errors={messagesAt(scope, spec.path)}
      onCommit={(v) =>
        typeof v === 'string'
          ? edit('Attach sidecar', (d) => attachSidecar(d, sidecar.id, v))
          : edit('Detach sidecar', (d) => setNodeField(d, sidecar.id, spec.path, undefined))
      }
    />
  );
}
