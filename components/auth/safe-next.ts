/**
 * Where to go after signing in. `next` comes from the address bar, so it is
 * attacker-controlled: resolve it against the dashboard's own origin the way
 * the browser does (backslashes become slashes, tabs and newlines are
 * dropped, dot segments collapse…) and follow it only when the result is
 * still this origin. Anything else goes to the home page.
 *
 * The answer is a path of that URL. A path starting with `//` is refused as
 * well: `/.//evil.example` resolves on this origin to the path
 * `//evil.example`, which the router would read as another host.
 */
export function safeNextPath(next: string | null | undefined, origin: string): string {
  if (!next) return "/";
  let url: URL;
  try {
    url = new URL(next, new URL("/", origin));
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
