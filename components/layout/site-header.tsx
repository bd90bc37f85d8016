import Link from "next/link";
import { can } from "@/lib/policy";
import { toActor, type User } from "@/lib/users";
import { InboxButton } from "../notifications/inbox-button";
import { roleLabels } from "../ui/format";
import { NavLink } from "./nav-link";
import { OfflineNotice } from "./offline-notice";
import { SignOutButton } from "./sign-out-button";

/** The bar on every signed-in page: wordmark, what this user may reach, who they are. */
export function SiteHeader({ user }: { user: User }) {
  const actor = toActor(user);
  const links = [
    { href: "/", label: "Articles", match: "exact" as const },
    ...(can(actor, "user:manage") ? [{ href: "/admin/users", label: "Users", match: "prefix" as const }] : []),
    ...(can(actor, "desk:manage") ? [{ href: "/admin/desks", label: "Desks", match: "prefix" as const }] : []),
    ...(can(actor, "audit:view") ? [{ href: "/admin/audit", label: "Audit log", match: "prefix" as const }] : []),
  ];
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="wordmark" aria-label="Galley, all articles">
          Galley
        </Link>
        <nav aria-label="Main" className="site-nav">
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <NavLink href={link.href} match={link.match}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="site-user">
          <InboxButton />
          <span className="site-user-name">{user.name}</span>
          <span className="role-chip">{roleLabels[user.role]}</span>
          <SignOutButton />
        </div>
      </div>
      <OfflineNotice />
    </header>
  );
}
