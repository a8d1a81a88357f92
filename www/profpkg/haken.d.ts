/* tslint:disable */
/* eslint-disable */

/**
 * The haken engine with its compiled rules. Create once, scan many times.
 */
export class Haken {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes every mark haken made in the document of `root`.
     */
    clear(root: Node): void;
    /**
     * The short name of a finding category in `lang` ("de"/"en"; "auto" means English).
     */
    label(category: string, lang?: string | null): string;
    /**
     * Scans, then marks each flagged element in place (`data-haken`, outline, badge).
     * Replaces earlier marks, so calling it again never marks anything twice.
     */
    mark(root: Node, lang?: string | null): any;
    /**
     * Compiles the embedded rules.
     */
    constructor();
    /**
     * Findings for a snapshot made elsewhere (e.g. sent by a content script).
     */
    scanSnapshot(snapshot: any, lang?: string | null): any;
    /**
     * Findings for a document, shadow root or element subtree. `lang`: "de", "en" or
     * "auto"/undefined (the page's `lang`, else guessed from the labels).
     */
    scan(root: Node, lang?: string | null): any;
    /**
     * The snapshot the live-DOM reader builds (for debugging and the demo's "what was read").
     */
    snapshot(root: Node): any;
    /**
     * The crate version.
     */
    static version(): string;
    /**
     * Whether scans read inside open shadow roots (default `true`).
     */
    shadowRoots: boolean;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_haken_free: (a: number, b: number) => void;
    readonly haken_clear: (a: number, b: any) => [number, number];
    readonly haken_label: (a: number, b: number, c: number, d: number, e: number) => [number, number, number, number];
    readonly haken_mark: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly haken_new: () => [number, number, number];
    readonly haken_scan: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly haken_scanSnapshot: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly haken_set_shadowRoots: (a: number, b: number) => void;
    readonly haken_shadowRoots: (a: number) => number;
    readonly haken_snapshot: (a: number, b: any) => [number, number, number];
    readonly haken_version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
