"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/states";
import { authClient } from "@/lib/queries/auth-client";
import { safeNextPath } from "@/components/auth/safe-next";

/** Why a single sign-on came back to the login page (better-auth's ?error= codes, and Corsboard's own). */
function ssoErrorText(code: string | null, name: string): string | null {
  if (!code) return null;
  switch (code) {
    case "account_disabled":
      return "This account is disabled: ask an admin.";
    case "access_denied":
      return `${name} did not sign you in (access denied).`;
    case "signup_disabled":
    case "unable_to_create_user":
      return `Corsboard could not create an account for you from ${name}: ask an admin.`;
    case "account_not_linked":
    case "unable_to_link_account":
      return `An account with your email already exists and could not be linked to ${name}: ask an admin.`;
    case "email_not_found":
      return `${name} did not tell Corsboard your email address: ask your identity provider's admin to release the email claim.`;
    default:
      return `Signing in with ${name} failed (${code}). Try again, or ask an admin.`;
  }
}

export interface LoginFormProps {
  /** The single sign-on, when configured: its button reads "Sign in with <name>". */
  sso: { name: string } | null;
  /** Whether passwords are offered (always, unless SSO-only mode is on and this is not the break-glass path). */
  passwordForm: boolean;
  /** SSO-only mode's break-glass path (/login?break-glass): the password form alone. */
  breakGlass: boolean;
}

export function LoginForm({ sso, passwordForm, breakGlass }: LoginFormProps) {
  const router = useRouter();
  const search = useSearchParams();
  const [error, setError] = useState<string | null>(() => (sso ? ssoErrorText(search.get("error"), sso.name) : null));
  const [busy, setBusy] = useState(false);
  const [ssoBusy, setSsoBusy] = useState(false);

  async function onSso() {
    if (!sso) return;
    setSsoBusy(true);
    setError(null);
    const callbackURL = safeNextPath(search.get("next"), window.location.origin);
    // better-auth answers with the provider's authorization URL and the client follows it.
    const result = await authClient.signIn.social({ provider: "oidc", callbackURL, errorCallbackURL: "/login" });
    if (result.error) {
      setError(`Could not reach ${sso.name}: ${result.error.message ?? "try again"}.`);
      setSsoBusy(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setBusy(true);
    setError(null);
    const result = await authClient.signIn.email({ email, password });
    if (result.error) {
      if (result.error.status === 403) {
        setError(result.error.message ?? "Passwords are turned off: use single sign-on.");
        setBusy(false);
        return;
      }
      // 429: too many attempts from this address (a few seconds) or for this account (up to 15 minutes; the server says how long).
      setError(result.error.status === 429 ? (result.error.message ?? "Too many attempts: wait a little and try again.") : "Wrong email or password.");
      setBusy(false);
      return;
    }
    // Only this origin is followed after sign-in (no open redirect).
    router.replace(safeNextPath(search.get("next"), window.location.origin));
    router.refresh();
  }

  const ssoButton = sso && !breakGlass ? (
    <Button type="button" variant={passwordForm ? "secondary" : "primary"} busy={ssoBusy} onClick={onSso}>
      Sign in with {sso.name}
    </Button>
  ) : null;

  if (!passwordForm) {
    return (
      <div className="flex flex-col gap-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {ssoButton}
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label="Email" name="email" type="email" autoComplete="username" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" busy={busy}>
          Sign in
        </Button>
      </form>
      {ssoButton ? (
        <>
          <p className="flex items-center gap-3 text-xs text-slate-500" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </p>
          {ssoButton}
        </>
      ) : null}
      {breakGlass && sso ? (
        <Link href="/login" className="text-center text-sm text-indigo-700 hover:underline">
          Sign in with {sso.name} instead
        </Link>
      ) : null}
    </div>
  );
}
