/** Every file the build fingerprint covers (absolute paths, sorted). */
export function buildInputs(root: string): string[];
/** sha256 over the build inputs' paths and contents. */
export function buildFingerprint(root: string): string;
