/** `npm run score -- --national …` and `npm run backtest`, run as a user runs them. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { csvParse } from 'd3';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/data/sources';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'heartlands-risk-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(script: string, ...args: string[]) {
	return run('npx', ['tsx', `scripts/${script}.ts`, ...args], { cwd: PROJECT_ROOT }).then(
		({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
		(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr })
	);
}

const rowsOf = (path: string): Record<string, string>[] => csvParse(readFileSync(path, 'utf8'));

describe('npm run score with a national scenario', () => {
	it('adds p_loss, lead, projected_winner and projected_<party>; NI and the Speaker get none, with the reason', async () => {
		const out = join(work, 'risk.csv');
		const r = await cli('score', '--lens', '2024', '--out', out, '--national', 'con=22,lab=30,ld=12,ruk=22,green=8', '--national', 'scotland:snp=32,lab=28');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/Labour: expected to lose [\d.]+ of 411 \(90% range \d+–\d+\)/);
		const rows = rowsOf(out);
		expect(rows).toHaveLength(650);
		expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['p_loss', 'lead', 'lead_low', 'lead_high', 'projected_winner', 'projected_con', 'projected_ruk', 'risk_note']));
		const gb = rows.filter((x) => x.nation !== 'Northern Ireland' && x.holder !== 'speaker');
		expect(gb.every((x) => Number(x.p_loss) >= 0 && Number(x.p_loss) <= 1)).toBe(true);
		for (const x of gb.slice(0, 50)) {
			const sum = ['con', 'lab', 'ld', 'snp', 'pc', 'green', 'ruk', 'other'].reduce((a, p) => a + Number(x[`projected_${p}`]), 0);
			expect(sum).toBeCloseTo(100, 0);
		}
		const ni = rows.filter((x) => x.nation === 'Northern Ireland');
		expect(ni).toHaveLength(18);
		expect(ni.every((x) => x.p_loss === '' && x.risk_note.startsWith('Northern Ireland is not modelled'))).toBe(true);
		expect(rows.find((x) => x.name === 'Chorley')!.risk_note).toMatch(/Speaker/);
	});
	it.each([
		[['--national', 'con=60,lab=50'], '--national: Great Britain: shares sum to 110, more than 100.'],
		[['--national', 'whig=3'], '“whig” is not a known party'],
		[['--national', 'no-change', '--base', '2001'], '--base 2001: the 2010 boundaries have bases 2010, 2015, 2017, 2019.'],
		[['--priority', 'scores', '--base', '2015'], '--base, --draws and --seed need a risk run: --national (a scenario), or the default --priority p_loss.'],
		[['--priority', 'majority'], '--priority must be p_loss (rank eligible seats by the chance of losing them, the default) or scores (by the two scores), got "majority".'],
		[['--nationl', 'x'], "Unknown option '--nationl'"]
	])('%j exits non-zero with one line, not a stack trace', async (args, message) => {
		const r = await cli('score', '--lens', '2015', '--out', join(work, 'bad.csv'), ...args);
		expect(r.code).not.toBe(0);
		expect(r.stderr).toContain(message);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
	});
});

describe('npm run score --method marginal', () => {
	it('adds allocation_gbp, legal_limit_gbp and p_loss_after; sums to the budget within every legal limit; prints held seats for each method', async () => {
		const out = join(work, 'marginal.csv');
		const r = await cli('score', '--lens', '2024', '--out', out, '--budget', '500000', '--method', 'marginal', '--national', 'ruk=29,lab=22,con=18,ld=13,green=10', '--beta', '2', '--draws', '500');
		expect(r.code, r.stderr).toBe(0);
		for (const m of ['marginal', 'proportional', 'topn']) expect(r.stderr).toMatch(new RegExp(`^${m}: expected eligible seats held [\\d.]+ before, [\\d.]+ after \\(90% range \\d+–\\d+\\)`, 'm'));
		const rows = rowsOf(out);
		expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['allocation_gbp', 'legal_limit_gbp', 'p_loss', 'p_loss_after']));
		expect(rows.reduce((a, x) => a + Number(x.allocation_gbp), 0)).toBe(500000);
		const funded = rows.filter((x) => Number(x.allocation_gbp) > 0);
		expect(funded.every((x) => x.eligible === 'true' && Number(x.allocation_gbp) <= Number(x.legal_limit_gbp))).toBe(true);
		expect(funded.every((x) => Number(x.p_loss_after) <= Number(x.p_loss))).toBe(true);
	}, 120_000);
	it('proportional with a scenario prints its held seats too', async () => {
		const r = await cli('score', '--lens', '2015', '--out', join(work, 'prop.csv'), '--budget', '1000000', '--national', 'result:2017', '--draws', '300');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toMatch(/^proportional: expected eligible seats held [\d.]+ before/m);
	}, 120_000);
	it.each([
		[['--budget', '100000', '--method', 'marginal'], '--method marginal needs --budget and --national'],
		[['--budget', '100000', '--method', 'marginal', '--national', 'no-change', '--beta=-1'], '--beta must be a number above zero, got "-1".'],
		[['--budget', '100000', '--method', 'marginal', '--national', 'no-change', '--objective', 'most'], '--objective must be expected or at-least:N'],
		[['--budget', '100000', '--beta', '2'], '--beta, --s0, --objective, --local-share and --long-campaign apply to --method marginal only.']
	])('%j is refused in one line', async (args, message) => {
		const r = await cli('score', '--lens', '2015', '--out', join(work, 'bad2.csv'), ...args);
		expect(r.code).not.toBe(0);
		expect(r.stderr.trim()).toContain(message);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});
});

describe('npm run backtest', () => {
	it('writes one row per pair, holder and predictor with the documented columns', async () => {
		const out = join(work, 'backtest.csv');
		const r = await cli('backtest', '--out', out, '--draws', '500');
		expect(r.code, r.stderr).toBe(0);
		const text = readFileSync(out, 'utf8');
		expect(text.split(/\r?\n/)[0]).toBe('base_year,target_year,holder,predictor,seats,lost,auc,brier,log_loss,expected_lost');
		const rows = rowsOf(out);
		const pairs = new Set(rows.map((x) => `${x.base_year}→${x.target_year} ${x.holder}`));
		for (const p of ['2010→2015', '2015→2017', '2015→2019', '2017→2019', '2019→2024']) for (const h of ['lab', 'con']) expect(pairs.has(`${p} ${h}`)).toBe(true);
		const get = (pred: string) => rows.find((x) => x.base_year === '2015' && x.target_year === '2019' && x.holder === 'lab' && x.predictor === pred)!;
		expect(Number(get('model').auc)).toBeGreaterThan(Number(get('majority').auc));
		expect(get('leave').brier).toBe('');
		expect(get('priority').seats).toBe('231');
	}, 120_000);
	it('refuses a bad --draws in one line', async () => {
		const r = await cli('backtest', '--out', join(work, 'x.csv'), '--draws', 'lots');
		expect(r.code).not.toBe(0);
		expect(r.stderr.trim()).toBe('--draws must be a whole number from 1 to 100000, got "lots".');
	});
});
