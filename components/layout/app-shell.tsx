"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { Role } from "@/lib/api/schemas/user";
import { authClient } from "@/lib/queries/auth-client";
import { useOpenChangeRequestCount } from "@/lib/queries/change-requests";
import { Badge } from "@/components/ui/badge";

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

const NAV: NavItem[] = [
  { href: "/", label: "Projects" },
  { href: "/approvals", label: "Approvals" },
  { href: "/search", label: "Search" },
  { href: "/tester", label: "Tester" },
  { href: "/migrations", label: "Migrations" },
  { href: "/audit", label: "Audit log" },
  { href: "/settings/users", label: "Users", adminOnly: true },
  { href: "/settings/tokens", label: "API tokens", adminOnly: true },
  { href: "/settings/webhooks", label: "Webhooks", adminOnly: true },
];

export function AppShell({ user, children }: { user: { name: string; email: string; role: Role }; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const items = NAV.filter((i) => !i.adminOnly || user.role === "admin");
  const openChangeRequests = useOpenChangeRequestCount().data ?? 0;
  const isActive = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/projects") : pathname.startsWith(href));

  async function signOut() {
    await authClient.signOut();
    router.replace("/login");
    router.refresh();
  }

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight text-indigo-700">
            Corsboard
          </Link>
          <nav aria-label="Main" className="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
            {items.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={isActive(item.href) ? "page" : undefined}
                className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive(item.href) ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {item.label}
                {item.href === "/approvals" && openChangeRequests > 0 ? (
                  <span className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-950" data-testid="approvals-count">
                    {openChangeRequests}
                    <span className="sr-only"> waiting</span>
                  </span>
                ) : null}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link
              href="/settings/account"
              title={`${user.email}: password and sessions`}
              aria-current={pathname.startsWith("/settings/account") ? "page" : undefined}
              className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800"
            >
              <span className="hidden md:inline">{user.name}</span>
              <span className="md:hidden">Account</span>
            </Link>
            <Badge tone={user.role === "admin" ? "indigo" : "neutral"}>{user.role}</Badge>
            <button type="button" onClick={signOut} className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
