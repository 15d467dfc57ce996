import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART, INK } from './colours';

const tokens = Object.fromEntries([...readFileSync(join(__dirname, 'tokens.css'), 'utf8').matchAll(/(--[\w-]+):\s*(#[0-9a-f]+);/g)].map((m) => [m[1], m[2]]));

function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? svelteFiles(path) : name.endsWith('.svelte') ? [path] : [];
	});
}

describe('design tokens', () => {
	it('script colours equal the CSS tokens of the same role', () => {
		expect({ brand: CHART.brand, brandBorder: CHART.brandBorder, grid: CHART.grid, focus: CHART.focus, surface: CHART.surface, strong: INK.strong, text: INK.text, soft: INK.soft, muted: INK.muted }).toEqual({
			brand: tokens['--colour-brand'],
			brandBorder: tokens['--colour-brand-border'],
			grid: tokens['--colour-rule'],
			focus: tokens['--colour-focus'],
			surface: tokens['--colour-surface-white'],
			strong: tokens['--colour-ink-strong'],
			text: tokens['--colour-text'],
			soft: tokens['--colour-text-soft'],
			muted: tokens['--colour-text-muted']
		});
	});

	it('no component writes a colour literal: styles use var(--colour-…), script colours come from ui/colours.ts', () => {
		const literals = svelteFiles(join(__dirname, '..', '..')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?<![\w&])#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b/g)].map((m) => `${file}: ${m[0]}`));
		expect(literals).toEqual([]);
	});

	it('every token a component uses is defined', () => {
		const used = new Set(svelteFiles(join(__dirname, '..', '..')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/var\((--colour-[\w-]+)\)/g)].map((m) => m[1])));
		expect([...used].filter((name) => !(name in tokens))).toEqual([]);
	});
});
