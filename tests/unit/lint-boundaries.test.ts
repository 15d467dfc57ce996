/**
 * The import boundaries in eslint.config.js fail the lint: an import that goes up a layer
 * (model → features, queries → features or data) or around the database door (@duckdb/* outside
 * src/lib/db) is an error, and an import down the layers is not. Runs ESLint's Node API on
 * snippets placed, by file path, inside each layer; nothing is written to disk.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
	eslint = new ESLint({ cwd: root });
});

async function lint(filePath: string, code: string) {
	const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
	return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('import boundaries', () => {
	it('fails a model file that imports a feature', async () => {
		const messages = await lint('src/lib/model/boundary-probe.ts', "import { DEFAULT_BUDGET_RULE } from '$lib/features/allocation/budget';\nexport const probe = DEFAULT_BUDGET_RULE;\n");
		expect(messages).toEqual([{ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('model must not import features') }]);
	});

	it('fails the same import written as a relative path', async () => {
		const messages = await lint('src/lib/model/risk/boundary-probe.ts', "import { DEFAULT_BUDGET_RULE } from '../../features/allocation/budget';\nexport const probe = DEFAULT_BUDGET_RULE;\n");
		expect(messages).toEqual([{ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('model must not import features') }]);
	});

	it('fails a query module that imports a feature or the data layer', async () => {
		const messages = await lint('src/lib/queries/boundary-probe.ts', "import type { ScoresState } from '$lib/features/scores/scores-state.svelte';\nimport type { DataManifest } from '$lib/data/manifest';\nexport type Probe = [ScoresState, DataManifest];\n");
		expect(messages.map((m) => m.rule)).toEqual(['import-x/no-restricted-paths', 'import-x/no-restricted-paths']);
		expect(messages[0].message).toContain('queries must not import features');
		expect(messages[1].message).toContain('queries must not import data');
	});

	it('fails @duckdb/* outside src/lib/db', async () => {
		const messages = await lint('src/lib/features/console/boundary-probe.ts', "import * as duckdb from '@duckdb/duckdb-wasm';\nexport const probe = duckdb;\n");
		expect(messages).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('Only src/lib/db imports @duckdb/*') }]);
	});

	it('passes imports down the layers', async () => {
		const features = await lint(
			'src/lib/features/scores/boundary-probe.ts',
			"import { LENSES } from '$lib/model/lenses';\nimport { ident } from '$lib/queries/sql';\nimport type { Database } from '$lib/db/types';\nexport type Probe = [typeof LENSES, typeof ident, Database];\n"
		);
		const queries = await lint('src/lib/queries/boundary-probe.ts', "import type { Indicator } from '$lib/model/catalogue';\nimport type { Database } from '$lib/db/types';\nexport type Probe = [Indicator, Database];\n");
		expect(features).toEqual([]);
		expect(queries).toEqual([]);
	});
});
