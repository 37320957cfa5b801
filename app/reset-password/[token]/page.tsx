import Link from "next/link";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { passwordResetInfo } from "@/lib/server/accounts/password-reset";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";
export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** The page of a one-time reset link (public: the link's secret is the credential). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const info = token.length <= 100 ? await passwordResetInfo(token).catch((error: unknown) => (error instanceof AppError ? null : Promise.reject(error))) : null;
  if (!info) {
    return (
      <AuthFrame title="This link doesn't work" subtitle="It is unknown, already used or expired.">
        <p className="text-sm text-slate-700">Ask an admin for a new reset link (Users → Reset link).</p>
        <Link href="/login" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Choose a new password" subtitle={`For ${info.email}. The link works once.`}>
      <ResetPasswordForm token={token} email={info.email} />
    </AuthFrame>
  );
}
