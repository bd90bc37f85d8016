import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/auth-card";
import { safeCallbackUrl } from "../_lib/callback-url";
import { getCurrentUser } from "../_lib/current-user";
import { LoginForm } from "./login-form-client";
import { signInErrorMessage } from "./messages";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /login – email and password; also next-auth's error page (?error=…). */
export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Someone already signed in has nothing to do here.
  if (await getCurrentUser()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <AuthCard title="Sign in to your newsroom">
      <LoginForm callbackUrl={callbackUrl} initialError={error ? signInErrorMessage(error) : undefined} />
      <p className="auth-footnote">No account yet? Ask an administrator of your newsroom to add you.</p>
    </AuthCard>
  );
}
