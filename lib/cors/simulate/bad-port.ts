// Port blocking: browsers refuse to connect to ports of other protocols
// (SMTP, IRC, …) so that a page cannot smuggle commands to them over HTTP.
// A fetch() to such a port is a network error before anything is sent; the
// same check runs again for every redirect (main fetch is re-entered).
// https://fetch.spec.whatwg.org/#port-blocking (Chromium: net/base/port_util.cc, net::ERR_UNSAFE_PORT)

/** https://fetch.spec.whatwg.org/#bad-port — the table as of 2025 (4190 and 6679 added in 2024, 0 in 2025). */
export const BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135,
  137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720,
  1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * The port fetch() would connect to when it is a bad port, else null.
 * "Should request be blocked due to a bad port": an HTTP(S) URL whose port
 * (explicit, or the scheme's default 80/443, which are never bad) is listed.
 */
export function badPortOf(url: URL): number | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.port === "") return null;
  const port = Number(url.port);
  return BAD_PORTS.has(port) ? port : null;
}

export function badPortFailure(url: URL, port: number): { message: string; fix: string } {
  return {
    message: `${url.origin} uses port ${port}, which browsers block (a port of another protocol): fetch() fails with a network error (Chromium: net::ERR_UNSAFE_PORT) and nothing is sent.`,
    fix: `Serve the API on a port browsers allow, e.g. 443 or 8443, instead of ${port}.`,
  };
}
