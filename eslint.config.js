/**
 * ESLint: JavaScript, TypeScript and Svelte rules, plus the import boundaries that keep the layers
 * in the order the folder tree shows:
 *
 *   db  ←  queries  ←  model  ←  storage · engine · data  ←  features  ←  app  ←  routes
 *
 * - `src/lib/db` is the one database door: it imports nothing from the other layers, and it is the
 *   only place that imports `@duckdb/*`.
 * - `src/lib/queries` builds SQL: it may use db and model only.
 * - `src/lib/model` is pure: catalogue, definitions, lenses, reference scoring, the risk model,
 *   the allocation engine and the uploaded-dataset record. It imports no other app layer.
 * - `src/lib/storage` (IndexedDB, records, migrations, quarantine) knows nothing of the app.
 * - `src/lib/data` (manifest, table loading, indicator preparation, the catalogue) and
 *   `src/lib/engine` (start, supervise, recover) sit between db/queries/model and the features.
 * - `src/lib/features/*` are the views and their states; they never import the app shell.
 * - `src/lib/app` is the shell: the composition root that builds every state, the address bar,
 *   the header and tabs, loading and about. Only routes import it.
 * - `src/lib/ui` primitives and `src/lib/export` helpers may be used by any layer above db.
 *
 * The boundaries are checked on resolved file paths (`import-x/no-restricted-paths` with the
 * TypeScript resolver, which reads SvelteKit's `$lib` alias from tsconfig), so `$lib/…` and
 * relative imports are treated alike. scripts/, tests/ and bench/ may import anything.
 * Formatting is Prettier's job (`npm run lint` runs both); eslint-config-prettier turns off the
 * stylistic rules that would fight it.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Every app layer under src/lib, plus the routes; a zone forbids all but the layers it names. */
const LAYERS = ['db', 'queries', 'model', 'storage', 'engine', 'data', 'features', 'app', 'export', 'ui', 'server'];

/**
 * A zone for `import-x/no-restricted-paths`: files in `src/lib/<layer>` may import from the
 * layers in `allowed` (and from themselves) but from no other folder of src/lib, nor from routes.
 */
function onlyImports(layer, allowed, why, except = {}) {
	const forbidden = LAYERS.filter((l) => l !== layer && !allowed.includes(l));
	return [
		...forbidden.map((l) => ({
			target: `./src/lib/${layer}`,
			from: `./src/lib/${l}`,
			...(except[l] ? { except: except[l] } : {}),
			message: `${layer} must not import ${l}: ${why}`
		})),
		{ target: `./src/lib/${layer}`, from: './src/routes', message: 'src/lib never imports routes.' }
	];
}

const DOWN = '(db ← queries ← model ← storage · engine · data ← features ← app)';
const BOUNDARY_ZONES = [
	...onlyImports('db', [], `db is the bottom layer ${DOWN}.`),
	...onlyImports('model', [], `the model is pure ${DOWN}.`),
	...onlyImports('queries', ['db', 'model'], `queries may use db and model only ${DOWN}.`),
	...onlyImports('storage', [], `storage knows nothing of the app ${DOWN}.`),
	// TEMPORARY: the uploaded-dataset record moves to model once the upload regroup lands.
	...onlyImports('data', ['db', 'queries', 'model', 'storage'], `data sits below the features ${DOWN}.`, { features: ['./upload/dataset.ts'] }),
	...onlyImports('engine', ['db', 'queries', 'model', 'data'], `the engine sits below the features ${DOWN}.`, { features: ['./upload/dataset.ts'] }),
	...onlyImports('features', ['db', 'queries', 'model', 'storage', 'engine', 'data', 'export', 'ui'], `features never import the app shell ${DOWN}.`),
	...onlyImports('app', ['db', 'queries', 'model', 'storage', 'engine', 'data', 'features', 'export', 'ui'], `the shell sits on top ${DOWN}.`),
	...onlyImports('ui', [], 'ui primitives are used by the layers, not the other way round.'),
	...onlyImports('export', ['ui'], 'export helpers are used by the layers, not the other way round.'),
	{ target: './src/lib/server', from: './src/routes', message: 'src/lib never imports routes.' }
];

export default defineConfig(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'test-results/', 'playwright-report/', 'tests/.tmp/', 'data/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			ecmaVersion: 2024,
			sourceType: 'module',
			globals: { ...globals.browser, ...globals.node }
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				projectService: false,
				extraFileExtensions: ['.svelte'],
				svelteConfig
			}
		}
	},
	{
		rules: {
			// `_name` marks a parameter or binding kept for its position or for documentation.
			// `value={'\t'}` is the readable way to write a tab into an attribute.
			'svelte/no-useless-mustaches': ['error', { ignoreStringEscape: true }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }]
		}
	},
	// The import boundaries.
	{
		files: ['src/**/*.{js,ts,svelte}'],
		plugins: { 'import-x': importX },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
			'import-x/extensions': ['.js', '.ts', '.svelte']
		},
		rules: {
			'import-x/no-restricted-paths': ['error', { zones: BOUNDARY_ZONES }]
		}
	},
	{
		// Only the database door talks to DuckDB. Colocated tests may use the engine directly, as
		// tests/ may.
		files: ['src/**/*.{js,ts,svelte}'],
		ignores: ['src/lib/db/**', 'src/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['@duckdb/*'],
							message: 'Only src/lib/db imports @duckdb/* (the one database door).'
						}
					]
				}
			]
		}
	}
);
