import pkg from "@/package.json";

/** The running Corsboard version (package.json). */
export const CORSBOARD_VERSION: string = pkg.version;
