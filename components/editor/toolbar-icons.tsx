import type { ReactNode } from "react";

/** Line icons drawn in a 16×16 box with the text colour; no icon font, no emoji (they depend on installed fonts). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const icons = {
  undo: (
    <Icon>
      <path d="M5 3 2 6l3 3" />
      <path d="M2 6h7.5a4 4 0 0 1 0 8H7" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m11 3 3 3-3 3" />
      <path d="M14 6H6.5a4 4 0 0 0 0 8H9" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M6.5 9.5a3 3 0 0 0 4.2.2l2.3-2.3a3 3 0 0 0-4.2-4.2l-1 1" />
      <path d="M9.5 6.5a3 3 0 0 0-4.2-.2L3 8.6a3 3 0 0 0 4.2 4.2l1-1" />
    </Icon>
  ),
  language: (
    <Icon>
      <circle cx="8" cy="8" r="6" />
      <path d="M2 8h12M8 2c1.8 1.7 2.6 3.7 2.6 6S9.8 12.3 8 14M8 2C6.2 3.7 5.4 5.7 5.4 8s.8 4.3 2.6 6" />
    </Icon>
  ),
  bulletList: (
    <Icon>
      <circle cx="3" cy="4" r=".8" fill="currentColor" />
      <circle cx="3" cy="8" r=".8" fill="currentColor" />
      <circle cx="3" cy="12" r=".8" fill="currentColor" />
      <path d="M6 4h8M6 8h8M6 12h8" />
    </Icon>
  ),
  orderedList: (
    <Icon>
      <path d="M2 2.8h1.2v3M2 6h2.4M2 9.6c0-.6.5-1 1.1-1s1.1.4 1.1 1c0 .9-2.2 1.6-2.2 3h2.3" />
      <path d="M7 4h7M7 8h7M7 12h7" />
    </Icon>
  ),
  quote: (
    <Icon>
      <path d="M3 3v10" />
      <path d="M6 5h8M6 8h8M6 11h5" />
    </Icon>
  ),
  directionAuto: (
    <Icon>
      <path d="M2 5h9m0 0L9 3m2 2L9 7" />
      <path d="M14 11H5m0 0 2-2m-2 2 2 2" />
    </Icon>
  ),
  directionLtr: (
    <Icon>
      <path d="M2 4h8M2 8h12M2 12h8" />
      <path d="m12 10 2 2-2 2" />
    </Icon>
  ),
  directionRtl: (
    <Icon>
      <path d="M6 4h8M2 8h12M6 12h8" />
      <path d="m4 10-2 2 2 2" />
    </Icon>
  ),
};
