import { useEffect } from 'react';
import { useActions, useEditor } from '../store/useEditor.js';

/** A short message at the bottom of the canvas: what just happened, or why something was refused. */
export function NoticeBar() {
  const notice = useEditor((s) => s.notice);
  const { dismissNotice } = useActions();
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(dismissNotice, notice.tone === 'error' ? 7000 : 3500);
    return () => clearTimeout(t);
  }, [notice, dismissNotice]);
  if (!notice) return null;
  return (
    <div
      className={`bp-notice ${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{notice.text}</span>
      <button type="button" className="bp-icon-button" aria-label="Dismiss" onClick={dismissNotice}>
        ×
      </button>
    </div>
  );
}
