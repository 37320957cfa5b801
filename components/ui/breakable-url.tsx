import { Fragment } from "react";

/**
 * An origin or URL that may wrap only after `//`, a dot, a slash or a colon
 * (`<wbr>` there), so a narrow card shows `https://admin.` / `example.com`
 * instead of breaking a label mid-word; a single label longer than the line
 * still wraps anywhere rather than overflowing. Its text is unchanged.
 */
export function BreakableUrl({ value, className = "" }: { value: string; className?: string }) {
  const parts = value.split(/(?<=\/\/|[./:?&=])(?!\/)/);
  return (
    <span className={`[overflow-wrap:anywhere] ${className}`}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </span>
  );
}
