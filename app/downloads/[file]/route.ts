import { z } from "zod";
import { packageDownload } from "@/lib/server/downloads/package-download";
import { defineRoute } from "@/lib/server/http/route";

/** Public: the SDK and CLI tarballs of this version (code, no secrets), for `npm install <url>`. */
export const GET = defineRoute({ auth: { public: true }, params: z.object({ file: z.string() }) }, ({ req, params }) =>
  packageDownload(params.file, req.headers.get("if-none-match")),
);
