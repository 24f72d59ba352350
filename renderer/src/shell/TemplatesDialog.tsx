import { confirmDiscard } from '../files/browserFiles.js';
import { useCommandContext } from '../store/useEditor.js';
import { TEMPLATES, templateDocument, type Template } from '../templates/templates.js';
import { Dialog } from './Dialog.js';

/** Loads a template as a new, unsaved document. */
export function loadTemplate(store: ReturnType<typeof useCommandContext>['store'], template: Template): void {
  if (!confirmDiscard(store, `Open the template “${template.title}”`)) return;
  store.getState().load(templateDocument(template), null, { dirty: true });
  store.getState().openDialog(null);
  store.getState().notify(`Template “${template.title}” loaded: save it to keep your changes in a file`);
}

/** The cards of the templates gallery (also shown on the empty canvas). */
export function TemplateCards({ compact = false }: { compact?: boolean }) {
  const { store } = useCommandContext();
  return (
    <ul className={`bp-template-cards${compact ? ' compact' : ''}`} aria-label="Templates">
      {TEMPLATES.map((t) => (
        <li key={t.file}>
          <button type="button" className="bp-template-card" onClick={() => loadTemplate(store, t)} title={t.story}>
            <span className="bp-template-title">{t.title}</span>
            <span className="bp-template-summary">{t.summary}</span>
            <span className="bp-template-meta">
              {t.nodeCount} nodes{t.tags.length ? ` · ${t.tags.slice(0, 4).join(', ')}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function TemplatesDialog() {
  const { store } = useCommandContext();
  return (
    <Dialog title="Templates" onClose={() => store.getState().openDialog(null)} className="bp-templates-dialog">
      <p className="bp-muted">
        Ready topologies, each with a story: open one, press play, then change it and see what breaks.
      </p>
      <TemplateCards />
    </Dialog>
  );
}
