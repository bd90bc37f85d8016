"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

function PendingDot() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className={`nav-pending${pending ? " is-pending" : ""}`} />;
}

/** A header link that marks the current section and shows when it is loading. */
export function NavLink({ href, match, children }: { href: string; match: "exact" | "prefix"; children: ReactNode }) {
  const pathname = usePathname();
  const isCurrent =
    match === "exact"
      ? pathname === href || (href === "/" && pathname.startsWith("/articles/"))
      : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} className="site-nav-link" aria-current={isCurrent ? "page" : undefined}>
      {children}
      <PendingDot />
    </Link>
  );
}
