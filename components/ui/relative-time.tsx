import { formatExact, formatRelative } from "./format";

/** A relative time ("5 minutes ago") with the exact time on hover and for machines. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatExact(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
