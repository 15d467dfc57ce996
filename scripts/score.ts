/**
 * Headless scoring: the same SQL as the app, in native DuckDB.
 *   npm run score -- --lens 2015 --out scores.csv [--definition my.json]
 * Exits non-zero with a readable message on a bad definition or missing data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openNodeDatabase } from '../src/lib/db/node';
import { loadTable, loadTables } from '../src/lib/data/load-tables';
import type { DataManifest } from '../src/lib/data/manifest';
import type { Database } from '../src/lib/db/types';
import { aggregateSmallAreaRows, loadDataset } from '../src/lib/data/dataset-db';
import { datasetColumns, datasetIndicators, validateDataset, type UploadedDataset } from '../src/lib/model/uploads/dataset';
import { buildSeatDataset, defaultChoices, numericColumnsOf } from '../src/lib/features/upload/records/build-dataset';
import { prepareDelimitedUpload } from '../src/lib/features/upload/stage/prepare';
import { convertColumn } from '../src/lib/features/upload/read/infer';
import { referenceSeatsFromRows } from '../src/lib/features/upload/match/reference-seats';
import { REFERENCE_SEATS_QUERY } from '../src/lib/queries/uploads';
import { readWorkspace } from '../src/lib/features/workspace/workspace';
import { prepareIndicators } from '../src/lib/data/prepare-indicators';
import { formatErrors, LENS_IDS, validateDefinition, type LensId } from '../src/lib/model/definition';
import { defaultDefinition } from '../src/lib/model/lenses';
import { toCsv } from '../src/lib/export/csv';
import { allocateSeats, type BudgetRule, type SeatFacts } from '../src/lib/features/allocation/budget';
import { HOLDER_KEYS } from '../src/lib/model/parties';
import { scoreQuery } from '../src/lib/queries/scoring';
import { buildData } from './data/build';
import { PROJECT_ROOT, resolveDataDir } from './data/sources';
import { CliError, cliMessage, heldLine, planOptionsFrom, planSeats, priorityFrom, rankRowsByPLoss, RISK_COLUMNS, riskColumns } from './risk-cli';
import type { Cell } from '../src/lib/db/types';
import { heldWith, planMarginal } from '../src/lib/model/allocation/plan';
import { lensById } from '../src/lib/model/lenses';

const USAGE = `Usage: npm run score -- --lens 2015|2019|2024 --out scores.csv [--definition definition.json]
       [--extra data.csv ...] [--extra-duplicates sum|mean] [--extra-aggregate sum|mean] [--workspace workspace.json]
       [--eligible-holder PARTY ...] [--budget POUNDS [--method proportional|topn|tiers]
        [--floor POUNDS] [--cap POUNDS] [--n SEATS] [--tiers 20x30000,40x10000]]
       [--priority p_loss|scores] [--national SPEC] [--base YEAR] [--draws N] [--seed N]
       [--budget POUNDS --method marginal --national SPEC [--beta 1.5] [--s0 5000]
        [--objective expected|at-least:N] [--local-share 50] [--long-campaign]]
  --priority  what ranks the eligible seats: p_loss (the default, as in the app) is the chance the
              holder loses each seat under the scenario (--national, or no change from --base, the
              lens's year unless given); scores is the two scores' combined percentile. With p_loss the
              risk columns below are added too.
  --national  a national scenario: no-change, result:2019, con=43.6,lab=32.1,ld=11.6 (GB %),
              or per nation, e.g. "con=30;scotland:snp=45,lab=20". Adds p_loss, lead, projected_winner
              and projected_<party>. NI seats and the Speaker's seat get no p_loss (see risk_note).
  --method marginal  puts each next pound where it keeps the most expected seats, within each seat's
              legal spending limit (next election) less the expected local spend; adds allocation_gbp,
              legal_limit_gbp and p_loss_after. With --national, every method prints the expected
              seats held before and after on stderr.`;

async function loadLazy(db: Database, manifest: DataManifest, outDir: string, name: string) {
	const table = manifest.tables.find((t) => t.name === name)!;
	await loadTable(db, table, new Uint8Array(readFileSync(join(outDir, table.file))));
}

/** Datasets from a workspace file saved by the app: ids match the app's, so its definitions run here. */
function workspaceDatasets(path: string): UploadedDataset[] {
	let workspace;
	try {
		workspace = readWorkspace(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new CliError(`Cannot read the workspace ${path}: ${(error as Error).message}`);
	}
	return workspace.datasets.map((raw, i) => {
		const v = validateDataset(raw);
		if (!v.ok) throw new CliError(`The workspace ${path} has a damaged upload (number ${i + 1}): ${v.reason}.`);
		return v.dataset;
	});
}

/**
 * --extra file.csv: the app's import pipeline, headless. Every numeric column becomes an indicator
 * named upload.<file name>.c<n>; nothing is guessed: duplicates need --extra-duplicates.
 */
async function extraDataset(db: Database, path: string, values: Record<string, unknown>, ensure: (name: string) => Promise<void>): Promise<UploadedDataset> {
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(path));
	} catch (error) {
		throw new CliError(`Cannot read --extra ${path}: ${(error as Error).message}`);
	}
	const reference = referenceSeatsFromRows((await db.query(REFERENCE_SEATS_QUERY)).rows);
	const name = basename(path);
	const prepared = prepareDelimitedUpload(bytes, reference, { fileName: name });
	if (!prepared.ok) throw new CliError(`--extra ${name}: ${prepared.error.message}`);
	const p = prepared.value;
	const key = p.keys[0];
	const choices = defaultChoices(p.columns, key.columnIndex);
	const id =
		name
			.toLowerCase()
			.replace(/\.[^.]+$/, '')
			.replace(/[^a-z0-9]/g, '')
			.slice(0, 30) || 'extra';
	const duplicates = (values['extra-duplicates'] as string | undefined) ?? 'refuse';
	if (!['refuse', 'sum', 'mean'].includes(duplicates)) throw new CliError('--extra-duplicates must be sum or mean.');
	if (key.kind === 'small-area') {
		const how = ((values['extra-aggregate'] as string | undefined) ?? 'sum') as 'sum' | 'mean';
		if (how !== 'sum' && how !== 'mean') throw new CliError('--extra-aggregate must be sum or mean.');
		const set = key.boundarySet ?? '2010';
		await ensure(`smallarea_${set}`);
		const chosen = numericColumnsOf(p.columns, choices);
		if (!chosen.length) throw new CliError(`--extra ${name}: no numeric column to use.`);
		const areas = Array.from({ length: p.table.rowCount }, (_, r) => (p.table.columns[key.columnIndex].at(r) ?? '').trim());
		const numbers = chosen.map((c) => convertColumn(p.table.columns[c.index], p.columns[c.index].type).map((v) => (typeof v === 'number' ? v : null)));
		const agg = await aggregateSmallAreaRows(db, set, how, areas, numbers);
		if (agg.unmatched) console.error(`--extra ${name}: ${agg.unmatched} small areas are not in the lookup and were left out (e.g. ${agg.examples.join(', ')}).`);
		return {
			version: 1,
			id,
			name,
			fileName: name,
			boundarySet: set,
			createdAt: new Date().toISOString(),
			aggregation: how,
			columns: datasetColumns(
				p.columns.map((c) => c.name),
				chosen
			),
			codes: agg.codes,
			values: agg.values
		};
	}
	if (!p.match) throw new CliError(`--extra ${name}: no key column was recognised.`);
	if (p.match.unmatched.length)
		console.error(
			`--extra ${name}: ${p.match.unmatched.length} keys matched no seat and were left out (e.g. ${p.match.unmatched
				.slice(0, 3)
				.map((u) => u.input)
				.join(', ')}).`
		);
	const built = await buildSeatDataset(p.table, p.columns, p.match, choices, { name, duplicates: duplicates as 'refuse' | 'sum' | 'mean', fileName: name });
	if (!built.ok) throw new CliError(`--extra ${name}: ${built.error.replace('Choose to sum or average them, or fix the file.', 'Pass --extra-duplicates sum or mean, or fix the file.')}`);
	return { ...built.dataset, id };
}

function wholePounds(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value.replace(/[£,_]/g, ''));
	if (!Number.isSafeInteger(n) || n < 0) throw new CliError(`--${name} must be a whole number of pounds, got "${value}".`);
	return n;
}

/** --budget/--method/--floor/--cap/--n/--tiers → a budget rule, refusing anything ambiguous. */
function budgetRuleFromArgs(values: Record<string, unknown>): BudgetRule {
	const get = (k: string) => values[k] as string | undefined;
	const budget = wholePounds('budget', get('budget'))!;
	const kind = get('method') ?? 'proportional';
	if (kind === 'proportional') return { budget, method: { kind, floor: wholePounds('floor', get('floor')), cap: wholePounds('cap', get('cap')) } };
	if (kind === 'topn') {
		const n = wholePounds('n', get('n'));
		if (!n) throw new CliError('--method topn needs --n SEATS (a whole number of seats ≥ 1).');
		return { budget, method: { kind, n } };
	}
	if (kind === 'tiers') {
		const text = get('tiers');
		const tiers = (text ?? '')
			.split(',')
			.filter(Boolean)
			.map((part) => {
				const m = /^\s*(\d+)\s*[x×]\s*£?([\d,_]+)\s*$/.exec(part);
				if (!m) throw new CliError(`--tiers must look like 20x30000,40x10000; "${part}" does not.`);
				return { seats: Number(m[1]), amount: Number(m[2].replace(/[,_]/g, '')) };
			});
		if (!tiers.length) throw new CliError('--method tiers needs --tiers, e.g. 20x30000,40x10000.');
		return { budget, method: { kind, tiers } };
	}
	throw new CliError(`Unknown --method "${kind}". Use proportional, topn, tiers or marginal.`);
}

function lensFrom(value: string | undefined): LensId {
	const lens = LENS_IDS.find((id) => id === value || id.startsWith(`${value}-`));
	if (!lens) throw new CliError(`Unknown lens "${value}". Choose one of: ${LENS_IDS.join(', ')} (or just the year).\n${USAGE}`);
	return lens;
}

async function main() {
	const { values } = parseArgs({
		options: {
			lens: { type: 'string' },
			out: { type: 'string' },
			definition: { type: 'string' },
			help: { type: 'boolean' },
			'eligible-holder': { type: 'string', multiple: true },
			budget: { type: 'string' },
			method: { type: 'string' },
			floor: { type: 'string' },
			cap: { type: 'string' },
			n: { type: 'string' },
			tiers: { type: 'string' },
			extra: { type: 'string', multiple: true },
			'extra-duplicates': { type: 'string' },
			'extra-aggregate': { type: 'string' },
			workspace: { type: 'string' },
			national: { type: 'string', multiple: true },
			priority: { type: 'string' },
			base: { type: 'string' },
			draws: { type: 'string' },
			seed: { type: 'string' },
			beta: { type: 'string' },
			s0: { type: 'string' },
			objective: { type: 'string' },
			'local-share': { type: 'string' },
			'long-campaign': { type: 'boolean' }
		}
	});
	const priority = priorityFrom(values.priority);
	if ((values.base || values.draws || values.seed) && !values.national && priority === 'scores') throw new CliError('--base, --draws and --seed need a risk run: --national (a scenario), or the default --priority p_loss.');
	const count = (name: string, v: string | undefined) => {
		if (v === undefined) return undefined;
		const n = Number(v);
		if (!Number.isSafeInteger(n) || n < 1 || (name === 'draws' && n > 100_000)) throw new CliError(`--${name} must be a whole number${name === 'draws' ? ' from 1 to 100000' : ' ≥ 1'}, got "${v}".`);
		return n;
	};
	const draws = count('draws', values.draws);
	const seed = count('seed', values.seed);
	if (values.help) return console.log(USAGE);
	if (!values.out) throw new CliError(`--out is required.\n${USAGE}`);
	const outDir = process.env.HEARTLANDS_OUT ?? join(PROJECT_ROOT, 'static/data');
	const { manifest } = await buildData({ dataDir: resolveDataDir(), outDir });
	const db = await openNodeDatabase();
	try {
		await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(outDir, file))));
		const datasets = [...(values.workspace ? workspaceDatasets(values.workspace) : []), ...(await Promise.all((values.extra ?? []).map((path) => extraDataset(db, path, values, async (name) => loadLazy(db, manifest, outDir, name)))))];
		for (const d of datasets) {
			await loadDataset(db, d);
			for (const i of datasetIndicators(d)) console.log(`Indicator ${i.id} (${i.boundarySet} set): ${i.label}`);
		}
		const { catalogue } = await prepareIndicators(db, datasets.flatMap(datasetIndicators));
		let raw: unknown;
		if (values.definition) {
			try {
				raw = JSON.parse(readFileSync(values.definition, 'utf8'));
			} catch (error) {
				throw new CliError(`Cannot read the definition ${values.definition}: ${(error as Error).message}`);
			}
			if (values.lens && (raw as { lens?: string })?.lens !== lensFrom(values.lens)) {
				throw new CliError(`--lens ${values.lens} does not match the definition's lens "${(raw as { lens?: string })?.lens}".`);
			}
		} else {
			raw = defaultDefinition(lensFrom(values.lens ?? '2015'));
		}
		if (values['eligible-holder']) {
			const holders = values['eligible-holder'].map((h) => h.toLowerCase());
			const unknown = holders.filter((h) => !HOLDER_KEYS.includes(h));
			if (unknown.length) throw new CliError(`Unknown --eligible-holder ${unknown.join(', ')}. Use party keys: ${HOLDER_KEYS.join(', ')}.`);
			raw = { ...(raw as object), priority: { ...((raw as { priority?: object }).priority ?? {}), eligibility: { ...((raw as { priority?: { eligibility?: object } }).priority?.eligibility ?? {}), holders } } };
		}
		const validation = validateDefinition(raw, catalogue);
		if (!validation.ok) throw new CliError(`The definition is not valid:\n${formatErrors(validation.errors)}`);
		const query = scoreQuery(validation.definition);
		const scored = (await db.query(query.sql, query.params)).rows;
		const columns = ['code', 'name', 'nation', 'region', 'holder', 'post_industrial', 'threat', 'priority', 'post_industrial_rank', 'threat_rank', 'priority_rank', 'post_industrial_pct', 'threat_pct', 'eligible'];
		const lens = lensById(validation.definition.lens);
		const marginal = values.method === 'marginal';
		if (marginal && (values.budget === undefined || !values.national)) throw new CliError('--method marginal needs --budget and --national: it allocates on each seat’s P(loss) under a scenario.');
		// The default ranking needs P(loss): without --national, the scenario is no change (as in the app).
		const national = values.national ?? (priority === 'p_loss' ? ['no-change'] : null);
		const risk = national ? await riskColumns(db, lens.boundarySet, lens.year, values.base, national, draws, seed, values.budget !== undefined) : null;
		const rows = risk && priority === 'p_loss' ? rankRowsByPLoss(scored, risk) : scored;
		let table = rows.map((r) => columns.map((c) => r[c] as Cell));
		console.log(
			priority === 'p_loss' ? `Priority: P(loss) from ${risk!.run.baseYear} under ${national!.join(';')}, among the eligible seats (--priority scores ranks them by the two scores).` : 'Priority: the two scores combined, among the eligible seats (--priority scores).'
		);
		if (values.budget !== undefined) {
			const budget = wholePounds('budget', values.budget)!;
			const args = { budget, beta: values.beta, s0: values.s0, objective: values.objective, localShare: values['local-share'], includeLong: values['long-campaign'], floor: wholePounds('floor', values.floor), cap: wholePounds('cap', values.cap) };
			const options = risk ? planOptionsFrom(args, risk.run.baseYear) : null;
			const seats = risk ? await planSeats(db, lens.boundarySet, rows, risk) : [];
			let amounts: Map<string, number>;
			if (marginal) {
				const plan = planMarginal(seats, options!);
				if (!plan.ok) throw new CliError(`The budget rules cannot be met: ${plan.error}`);
				amounts = new Map(plan.rows.map((r) => [r.code, r.amount]));
				const byCode = new Map(plan.rows.map((r) => [r.code, r]));
				columns.push('allocation_gbp', 'legal_limit_gbp', 'p_loss_after');
				table = rows.map((r, i) => {
					const p = byCode.get(String(r.code));
					return [...table[i], p?.amount ?? 0, p?.legalLimit ?? null, p?.pLossAfter === null || p?.pLossAfter === undefined ? null : Math.round(p.pLossAfter * 1e4) / 1e4];
				});
				const c = options!.curve;
				console.log(
					`Allocated £${budget.toLocaleString('en-GB')} to ${plan.rows.filter((r) => r.amount > 0).length} seats (marginal value, β ${c.beta}, s₀ £${c.s0.toLocaleString('en-GB')}, limits of the ${options!.limitYear} election less ${Math.round((options!.localShare ?? 0) * 100)}% local spend).`
				);
				if (plan.unproductive > 0) console.log(`£${plan.unproductive.toLocaleString('en-GB')} of it buys no expected seat under the model and is spread evenly over the seats with room.`);
				for (const f of plan.figures) console.error(heldLine(f.method, f));
			} else {
				if (['beta', 's0', 'objective', 'local-share', 'long-campaign'].some((k) => values[k as keyof typeof values] !== undefined)) throw new CliError('--beta, --s0, --objective, --local-share and --long-campaign apply to --method marginal only.');
				const rule = budgetRuleFromArgs(values);
				const allocation = allocateSeats(rows as unknown as SeatFacts[], rule);
				if (!allocation.ok) throw new CliError(`The budget rules cannot be met: ${allocation.error}`);
				amounts = new Map(allocation.seats.map((s) => [s.code, s.amount]));
				columns.push('allocation_gbp');
				table = rows.map((r, i) => [...table[i], r.eligible ? (amounts.get(String(r.code)) ?? 0) : 0]);
				console.log(`Allocated £${allocation.total.toLocaleString('en-GB')} to ${allocation.seats.filter((s) => s.amount > 0).length} seats (${rule.method.kind}).`);
				if (options) console.error(heldLine(rule.method.kind, heldWith(seats, amounts, options)));
			}
		}
		if (risk) {
			columns.push(...RISK_COLUMNS);
			table = rows.map((r, i) => [...table[i], ...risk.valuesFor(String(r.code))]);
			for (const line of risk.summary) console.log(line);
		}
		writeFileSync(values.out, toCsv(columns, table));
		const eligible = rows.filter((r) => r.eligible).length;
		console.log(`Scored ${rows.length} seats (${eligible} eligible) under lens ${validation.definition.lens}; wrote ${values.out}`);
	} finally {
		await db.close();
	}
}

main().catch((error) => {
	console.error(cliMessage(error) ?? `Error: ${error?.stack ?? error}`);
	process.exit(1);
});
