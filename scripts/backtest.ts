/**
 * The seat-risk backtest, headless: every pair of elections, holder (Labour, Conservative) and
 * predictor, with the same code and data the app uses.
 *   npm run backtest -- --out backtest.csv [--draws 2000] [--seed 2016] (the app's panel uses the same defaults)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openNodeDatabase } from '../src/lib/db/node';
import { loadTables } from '../src/lib/data/load-tables';
import { prepareIndicators } from '../src/lib/data/prepare-indicators';
import { loadRiskHistories } from '../src/lib/data/risk-inputs';
import { defaultDefinition } from '../src/lib/model/lenses';
import { PREDICTOR_LABEL, runRiskBacktest } from '../src/lib/model/risk/backtest';
import { DEFAULT_DRAWS, DEFAULT_SEED } from '../src/lib/model/risk/run';
import { toCsv } from '../src/lib/export/csv';
import { scoreQuery } from '../src/lib/queries/scoring';
import { buildData } from './data/build';
import { PROJECT_ROOT, resolveDataDir } from './data/sources';
import { CliError, cliMessage } from './risk-cli';

const USAGE = `Usage: npm run backtest -- --out backtest.csv [--draws 2000] [--seed 2016]
Writes one row per base year, target year, holder and predictor:
  base_year,target_year,holder,predictor,seats,lost,auc,brier,log_loss,expected_lost
The model is given the target election's real per-nation shares; every parameter is fitted on
elections up to the base year only. 2019→2024 is on the 2024 boundaries from a notional 2019.`;

export const BACKTEST_COLUMNS = ['base_year', 'target_year', 'holder', 'predictor', 'seats', 'lost', 'auc', 'brier', 'log_loss', 'expected_lost'] as const;

async function main() {
	const { values } = parseArgs({ options: { out: { type: 'string' }, draws: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } } });
	if (values.help) return console.log(USAGE);
	if (!values.out) throw new CliError(`--out is required.\n${USAGE}`);
	const whole = (name: string, v: string | undefined, fallback: number) => {
		const n = v === undefined ? fallback : Number(v);
		if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) throw new CliError(`--${name} must be a whole number from 1 to 100000, got "${v}".`);
		return n;
	};
	const draws = whole('draws', values.draws, DEFAULT_DRAWS);
	const seed = whole('seed', values.seed, DEFAULT_SEED);
	const outDir = process.env.HEARTLANDS_OUT ?? join(PROJECT_ROOT, 'static/data');
	const { manifest } = await buildData({ dataDir: resolveDataDir(), outDir });
	const db = await openNodeDatabase();
	try {
		await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(outDir, file))));
		await prepareIndicators(db);
		const histories = await loadRiskHistories(db);
		// The only lens with a base among the pairs is 2015 / UKIP (the fund's 2016 decision).
		const query = scoreQuery(defaultDefinition('2015-ukip'));
		const lens = new Map((await db.query(query.sql, query.params)).rows.map((r) => [String(r.code), { threat: r.threat as number | null, priority: r.priority as number | null }]));
		const { rows, fits } = runRiskBacktest(histories, { draws, seed, lensScores: (pair) => (pair.base === 2015 && pair.set === '2010' ? lens : null) });
		const round = (v: number | null, d: number) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
		writeFileSync(
			values.out,
			toCsv(
				[...BACKTEST_COLUMNS],
				rows.map((r) => [r.base_year, r.target_year, r.holder, r.predictor, r.seats, r.lost, round(r.auc, 4), round(r.brier, 4), round(r.log_loss, 4), round(r.expected_lost, 1)])
			)
		);
		for (const [base, fit] of fits)
			console.log(
				`Base ${base}: ${fit.swing} swing (fitted on ${fit.pairs.map((p) => p.join('→')).join(', ')}), errors shared ${fit.errors.shared.toFixed(2)}, per seat ${fit.errors.seat.toFixed(2)}${fit.demographic ? `, Leave adjustment from ${fit.demographic.fittedOn.join('→')}` : ''}.`
			);
		console.log('\npair        holder predictor                                 seats lost   AUC  Brier');
		for (const r of rows)
			console.log(`${r.base_year}→${r.target_year}${r.notional ? '*' : ' '}  ${r.holder.padEnd(6)} ${PREDICTOR_LABEL[r.predictor].padEnd(40)} ${String(r.seats).padStart(5)} ${String(r.lost).padStart(4)} ${r.auc?.toFixed(3) ?? '  —  '} ${r.brier?.toFixed(4) ?? ''}`);
		console.log(`\n* base notional (2019 carried onto the 2024 boundaries). Wrote ${rows.length} rows to ${values.out}.`);
	} finally {
		await db.close();
	}
}

main().catch((error) => {
	console.error(cliMessage(error) ?? `Error: ${error?.stack ?? error}`);
	process.exit(1);
});
