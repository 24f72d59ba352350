import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog on the native <dialog> element: focus is trapped, Escape closes it. */
export function Dialog({
  title,
  onClose,
  children,
  className,
  footer,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal?.();
    return () => el?.close?.();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`bp-dialog ${className ?? ''}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <header className="bp-dialog-header">
        <h2>{title}</h2>
        <button type="button" className="bp-icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="bp-dialog-body">{children}</div>
      {footer && <footer className="bp-dialog-footer">{footer}</footer>}
    </dialog>
  );
}
