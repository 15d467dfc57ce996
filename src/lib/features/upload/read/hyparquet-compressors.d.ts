// Types for the pure-JS decompressors we import file by file from hyparquet-compressors (see
// parquet.ts for why the package's index, which compiles a WebAssembly module, is avoided).
declare module 'hyparquet-compressors/src/gzip.js' {
	export function gunzip(input: Uint8Array, output?: Uint8Array): Uint8Array;
}
declare module 'hyparquet-compressors/src/brotli.js' {
	export function decompressBrotli(input: Uint8Array, outputLength: number): Uint8Array;
}
declare module 'hyparquet-compressors/src/lz4.js' {
	export function decompressLz4(input: Uint8Array, outputLength: number): Uint8Array;
	export function decompressLz4Raw(input: Uint8Array, outputLength: number): Uint8Array;
}
