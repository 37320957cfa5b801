"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the native <dialog> element: focus moves in and is kept
 * there, Escape closes it, and focus returns to the opener. Content mounts
 * only while open, so forms inside start fresh each time.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      className="m-auto max-h-[90vh] w-[min(48rem,calc(100vw-1rem))] overflow-y-auto rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      {open ? (
        <div className="flex flex-col">
          <header className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
            <div className="min-w-0">
              <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
                {title}
              </h2>
              {description ? (
                <p id={`${id}-description`} className="mt-0.5 text-sm text-slate-600">
                  {description}
                </p>
              ) : null}
            </div>
            <button type="button" onClick={onClose} className="shrink-0 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Close
            </button>
          </header>
          <div className="px-4 py-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
