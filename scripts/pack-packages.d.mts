// Types of scripts/pack-packages.mjs for the TypeScript tests that call it.
export declare const PACKAGES_DIR: string;
export declare function packPackages(options?: { check?: boolean }): Promise<{
  version: string;
  /** The built package directories (what the tarballs contain). */
  dirs: { sdk: string; cli: string };
  /** dist/packages/corsboard-{sdk,cli}-<version>.tgz */
  tarballs: { sdk: string; cli: string };
}>;
