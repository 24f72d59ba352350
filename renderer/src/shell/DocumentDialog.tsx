import { useState } from 'react';
import { setDocField } from '../store/docOps.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import { Dialog } from './Dialog.js';

/** The document's name and description. */
export function DocumentDialog() {
  const { store } = useCommandContext();
  const doc = useEditor((s) => s.doc);
  const [name, setName] = useState(doc.name);
  const [description, setDescription] = useState(doc.description ?? '');
  const close = () => store.getState().openDialog(null);
  const apply = () => {
    store.getState().edit('Rename document', (d) => {
      if (name.trim() !== d.name) setDocField(d, ['name'], name.trim() || 'Untitled topology');
      if (description !== (d.description ?? '')) setDocField(d, ['description'], description || undefined);
    });
    close();
  };
  return (
    <Dialog
      title="Name and description"
      onClose={close}
      footer={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={apply}>
            Apply
          </button>
        </>
      }
    >
      <label className="bp-field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label className="bp-field">
        <span>Description</span>
        <textarea rows={6} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
    </Dialog>
  );
}
