export declare const E2E_PORT: number;
export declare const E2E_DATA_DIR: string;
export declare const E2E_ADMIN_TOKEN: string;
export declare const E2E_ADMIN: { name: string; email: string; password: string };
