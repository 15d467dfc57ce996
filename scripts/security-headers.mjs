// The app's Content Security Policy and security headers, in one place. svelte.config.js puts the
// policy in the built page as a <meta> tag (with hashes of SvelteKit's inline start-up script);
// vite.config.ts sends the headers from `npm run serve` and the Playwright server; static/_headers
// carries them for static hosts (a unit test keeps that file equal to `headersFile()`), and
// SECURITY.md shows the same lines for nginx and Caddy.
//
// Why both a <meta> policy and a header: a <meta> policy cannot say `frame-ancestors` (browsers
// ignore it there), and the start-up script's hash changes with every build, which a fixed header
// file cannot know. So the header carries every directive except `default-src` and `script-src`,
// plus `frame-ancestors 'none'`; the page's own policy carries the script hashes. A browser
// enforces both policies, so what is allowed is what both allow. Workers created from blob: URLs
// (the DuckDB engine, MapLibre) inherit both from the page.

/**
 * Directives in SvelteKit's `kit.csp.directives` form (keywords without quotes).
 * @type {NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives'] & {}}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	// 'wasm-unsafe-eval' lets the DuckDB worker compile its wasm now that the worker runs under
	// this policy; it does not allow eval() or new Function().
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self', 'blob:'],
	// blob: is the page's own memory: the DuckDB worker reads the engine's wasm from an object URL
	// the page fetched from its own origin, and MapLibre's workers read an uploaded map layer from
	// an object URL the page made (src/lib/features/map/overlay-data.ts; the protocol script they
	// import for it is a same-origin file, covered by script-src 'self'). No other origin can be reached.
	'connect-src': ['self', 'blob:'],
	'img-src': ['self', 'data:', 'blob:'],
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval', 'strict-dynamic']);

/** @param {Record<string, string[]>} directives */
function policyText(directives) {
	return Object.entries(directives)
		.map(([name, sources]) => [name, ...sources.map((s) => (KEYWORDS.has(s) ? `'${s}'` : s))].join(' '))
		.join('; ');
}

/** The policy sent as an HTTP header (see above for why it leaves out default-src and script-src). */
export function headerPolicy() {
	/** @type {Record<string, string[]>} */
	const directives = {};
	for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) if (name !== 'default-src' && name !== 'script-src') directives[name] = sources;
	directives['frame-ancestors'] = ['none'];
	return policyText(directives);
}

/** Every security header the app is served with. */
export function securityHeaders() {
	return {
		'Content-Security-Policy': headerPolicy(),
		'X-Frame-Options': 'DENY',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
	};
}

/** The text of static/_headers (Netlify and Cloudflare Pages format). */
export function headersFile() {
	const lines = Object.entries(securityHeaders()).map(([name, value]) => `  ${name}: ${value}`);
	return ['# Security headers for static hosts that read a _headers file (Netlify, Cloudflare Pages).', '# Generated from scripts/security-headers.mjs; tests/unit/security-headers.test.ts keeps them equal.', '/*', ...lines, ''].join('\n');
}
