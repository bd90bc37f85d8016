import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { AuthCard } from "@/components/ui/auth-card";
import { getCurrentUser } from "../_lib/current-user";

export const metadata: Metadata = { title: "Sign out" };

/** /signout – where next-auth's own sign-out page would be (GET /api/auth/signout). */
export default async function SignOutPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return (
    <AuthCard title="Sign out of Galley?">
      <p className="muted">You are signed in as {user.email}.</p>
      <div className="actions-row">
        <SignOutButton variant="primary" />
        <Link className="button button-secondary button-small" href="/">
          Stay signed in
        </Link>
      </div>
    </AuthCard>
  );
}
