/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __wbg_haken_free: (a: number, b: number) => void;
export const haken_clear: (a: number, b: any) => [number, number];
export const haken_label: (a: number, b: number, c: number, d: number, e: number) => [number, number, number, number];
export const haken_mark: (a: number, b: any, c: number, d: number) => [number, number, number];
export const haken_new: () => [number, number, number];
export const haken_scan: (a: number, b: any, c: number, d: number) => [number, number, number];
export const haken_scanSnapshot: (a: number, b: any, c: number, d: number) => [number, number, number];
export const haken_set_shadowRoots: (a: number, b: number) => void;
export const haken_shadowRoots: (a: number) => number;
export const haken_snapshot: (a: number, b: any) => [number, number, number];
export const haken_version: () => [number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
