// Static single-page app: DuckDB-wasm needs the browser, so nothing renders on a server.
export const ssr = false;
export const prerender = true;
