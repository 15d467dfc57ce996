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

	it('fails a feature that imports the app shell, and data or storage that imports a feature', async () => {
		const feature = await lint('src/lib/features/map/boundary-probe.ts', "import type { AppStates } from '$lib/app/compose';\nexport type Probe = AppStates;\n");
		const data = await lint('src/lib/data/boundary-probe.ts', "import type { ScoresState } from '$lib/features/scores/scores-state.svelte';\nexport type Probe = ScoresState;\n");
		const storage = await lint('src/lib/storage/boundary-probe.ts', "import type { Indicator } from '$lib/model/catalogue';\nexport type Probe = Indicator;\n");
		expect(feature).toEqual([{ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('features must not import app') }]);
		expect(data).toEqual([{ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('data must not import features') }]);
		expect(storage).toEqual([{ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('storage must not import model') }]);
	});

	it('passes the shell importing features, and features importing data and the engine', async () => {
		const app = await lint('src/lib/app/boundary-probe.ts', "import type { ScoresState } from '$lib/features/scores/scores-state.svelte';\nimport type { Catalogue } from '$lib/data/catalogue.svelte';\nexport type Probe = [ScoresState, Catalogue];\n");
		const feature = await lint('src/lib/features/scores/boundary-probe.ts', "import type { Catalogue } from '$lib/data/catalogue.svelte';\nimport type { EngineHealth } from '$lib/engine/engine-recovery';\nexport type Probe = [Catalogue, EngineHealth];\n");
		expect(app).toEqual([]);
		expect(feature).toEqual([]);
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
