/** The security headers: one source (scripts/security-headers.mjs) for the page, the servers and static hosts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, headerPolicy, headersFile, securityHeaders } from '../../scripts/security-headers.mjs';
import svelteConfig from '../../svelte.config.js';
import { PROJECT_ROOT } from '../../scripts/data/sources';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('security headers', () => {
	it('static/_headers is exactly what scripts/security-headers.mjs says (regenerate it if this fails)', () => {
		expect(readFileSync(join(PROJECT_ROOT, 'static/_headers'), 'utf8')).toBe(headersFile());
	});

	it('SECURITY.md shows the same policy for nginx and Caddy', () => {
		const doc = readFileSync(join(PROJECT_ROOT, 'SECURITY.md'), 'utf8');
		expect(doc.split(headerPolicy()).length - 1).toBeGreaterThanOrEqual(3);
	});

	it("the page's <meta> policy is the same directives", () => {
		expect(svelteConfig.kit?.csp?.directives).toBe(CSP_DIRECTIVES);
	});

	it('the header policy names no other origin, forbids framing and keeps what only the page can say', () => {
		const header = directives(headerPolicy());
		expect(header.get('connect-src')).toEqual(["'self'", 'blob:']);
		expect(header.get('frame-ancestors')).toEqual(["'none'"]);
		expect(header.get('object-src')).toEqual(["'none'"]);
		// script-src needs the per-build hash of SvelteKit's start-up script: it is in the page's policy.
		expect(header.has('script-src')).toBe(false);
		expect(header.has('default-src')).toBe(false);
		for (const [name, sources] of header) {
			for (const source of sources) expect(["'self'", "'none'", 'blob:', 'data:', "'unsafe-inline'"], `${name} ${source}`).toContain(source);
		}
		expect(CSP_DIRECTIVES['script-src']).toEqual(['self', 'wasm-unsafe-eval']);
		expect(securityHeaders()['X-Frame-Options']).toBe('DENY');
	});
});
