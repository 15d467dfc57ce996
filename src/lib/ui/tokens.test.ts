import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN } from './colours';

const css = readFileSync(join(__dirname, 'tokens.css'), 'utf8');
const tokens = Object.fromEntries([...css.matchAll(/(--colour-[\w-]+):\s*(#[0-9a-f]+);/g)].map((m) => [m[1], m[2]]));
const defined = new Set([...css.matchAll(/(--[\w-]+):/g)].map((m) => m[1]));

function files(dir: string, ext: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path, ext) : name.endsWith(ext) ? [path] : [];
	});
}
const components = [...files(join(__dirname, '..', '..'), '.svelte'), ...files(join(__dirname, '..', '..'), '.css').filter((f) => !f.endsWith('tokens.css'))];

describe('design tokens', () => {
	it('every script colour equals the CSS token of the same name', () => {
		const expected = Object.fromEntries(Object.keys(TOKEN).map((key) => [key, tokens[`--colour-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]]));
		expect(TOKEN).toEqual(expected);
	});

	it('colour tokens are written as six-digit lower-case hex, so the script copies compare as strings', () => {
		expect(Object.values(tokens).filter((v) => !/^#[0-9a-f]{6}$/.test(v))).toEqual([]);
	});

	it('no component writes a colour literal: styles use var(--colour-…), script colours come from ui/colours.ts', () => {
		const literal = /(?<![\w&])#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|\brgba?\(|\bhsla?\(|:\s*(?:white|black)\s*;|'(?:white|black)'/g;
		const found = components.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => `${file}: ${m[0]}`));
		expect(found).toEqual([]);
	});

	it('every token a component uses is defined', () => {
		// A component may set its own custom properties (Alert's tone colours); those count as defined in that file.
		const undefinedUses = components.flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			const local = new Set([...text.matchAll(/(--[\w-]+):/g)].map((m) => m[1]));
			return [...text.matchAll(/var\((--[\w-]+)/g)]
				.map((m) => m[1])
				.filter((name) => !defined.has(name) && !local.has(name))
				.map((name) => `${file}: ${name}`);
		});
		expect(undefinedUses).toEqual([]);
	});
});
