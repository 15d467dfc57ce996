import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { PROJECT_ROOT } from '../../scripts/data/sources';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'heartlands-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function score(...args: string[]) {
	return run('npx', ['tsx', 'scripts/score.ts', ...args], { cwd: PROJECT_ROOT }).then(
		({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
		(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr })
	);
}

function parse(csv: string) {
	const [header, ...lines] = csv.trim().split('\n');
	const columns = header.split(',');
	// Names in this data have no embedded commas except quoted ones; parse quotes simply.
	return lines.map((line) => {
		const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
		return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
	});
}

describe('npm run score', () => {
	it('writes 650 rows with no NaN under the 2015 lens, Clacton first on threat', async () => {
		const out = join(work, 'scores.csv');
		const result = await score('--lens', '2015', '--out', out);
		expect(result.code, result.stderr).toBe(0);
		const rows = parse(readFileSync(out, 'utf8'));
		expect(rows).toHaveLength(650);
		expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['code', 'name', 'post_industrial', 'threat', 'priority', 'post_industrial_rank', 'threat_rank', 'priority_rank']));
		expect(readFileSync(out, 'utf8')).not.toMatch(/NaN|Infinity/);
		expect(rows.find((r) => r.threat_rank === '1')!.name).toBe('Clacton');
		const priorityRanks = rows.filter((r) => r.priority_rank !== '').map((r) => Number(r.priority_rank));
		expect(Math.min(...priorityRanks)).toBe(1);
	}, 120_000);

	it('ranks the eligible seats by P(loss) under no change by default, as the app does; --priority scores ranks by the two scores', async () => {
		const out = join(work, 'default-priority.csv');
		const result = await score('--lens', '2015', '--out', out);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('Priority: P(loss) from 2015 under no-change');
		const rows = parse(readFileSync(out, 'utf8'));
		const eligible = rows.filter((r) => r.eligible === 'true');
		expect(eligible).toHaveLength(232);
		// Priority is P(loss) itself for every eligible seat, and rank 1 is the likeliest loss (ties share a rank).
		expect(eligible.every((r) => r.priority === r.p_loss && r.p_loss !== '')).toBe(true);
		expect(rows.filter((r) => r.eligible !== 'true').every((r) => r.priority === '' && r.priority_rank === '')).toBe(true);
		const top = Math.max(...eligible.map((r) => Number(r.p_loss)));
		expect(eligible.filter((r) => r.priority_rank === '1').map((r) => Number(r.p_loss))).toEqual([top]);
		const rank = (r: (typeof rows)[number]) => Number(r.priority_rank);
		for (const a of eligible) for (const b of eligible) if (Number(a.p_loss) > Number(b.p_loss)) expect(rank(a)).toBeLessThan(rank(b));
		// The same run as an explicit no-change scenario from the lens's year.
		const explicit = join(work, 'explicit.csv');
		expect((await score('--lens', '2015', '--out', explicit, '--national', 'no-change', '--base', '2015')).code).toBe(0);
		expect(readFileSync(explicit, 'utf8')).toBe(readFileSync(out, 'utf8'));

		const byScores = join(work, 'scores-priority.csv');
		const old = await score('--lens', '2015', '--out', byScores, '--priority', 'scores');
		expect(old.code, old.stderr).toBe(0);
		expect(old.stdout).toContain('Priority: the two scores combined');
		const scoredRows = parse(readFileSync(byScores, 'utf8'));
		expect(Object.keys(scoredRows[0])).not.toContain('p_loss');
		const first = scoredRows.find((r) => r.priority_rank === '1')!;
		expect(Number(first.priority)).toBe(Math.max(...scoredRows.filter((r) => r.priority !== '').map((r) => Number(r.priority))));
		// Eligibility and the scores themselves do not depend on the ranking.
		expect(scoredRows.map((r) => [r.code, r.eligible, r.threat])).toEqual(rows.map((r) => [r.code, r.eligible, r.threat]));
		expect(scoredRows.find((r) => r.code === first.code)!.priority).not.toBe(rows.find((r) => r.code === first.code)!.priority);
	}, 180_000);

	it('scores the 2024 lens on the 2024 boundaries', async () => {
		const out = join(work, 'scores-2024.csv');
		const result = await score('--lens', '2024', '--out', out);
		expect(result.code, result.stderr).toBe(0);
		const rows = parse(readFileSync(out, 'utf8'));
		expect(rows).toHaveLength(650);
		expect(rows.every((r) => r.code.match(/^[EWSN]\d{8}$/))).toBe(true);
		expect(rows.find((r) => r.name === 'Clacton')!.code).toBe('E14001174');
	}, 120_000);

	it('exits non-zero with a message naming the field on a bad definition', async () => {
		const d = defaultDefinition('2015-ukip');
		d.scores.threat[0].weight = -2;
		d.scores.postIndustrial[1].id = 'census.nope';
		const path = join(work, 'bad.json');
		writeFileSync(path, JSON.stringify(d));
		const result = await score('--definition', path, '--out', join(work, 'never.csv'));
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain('scores.threat[0].weight: must be a finite number ≥ 0, got -2');
		expect(result.stderr).toContain('scores.postIndustrial[1].id: unknown indicator "census.nope"');
		expect(result.stderr).not.toContain('    at ');
	}, 120_000);

	it('refuses an unknown lens and unreadable JSON', async () => {
		expect((await score('--lens', '1997', '--out', join(work, 'x.csv'))).stderr).toContain('Unknown lens "1997"');
		const path = join(work, 'broken.json');
		writeFileSync(path, '{ not json');
		expect((await score('--definition', path, '--out', join(work, 'x.csv'))).stderr).toContain('Cannot read the definition');
	}, 120_000);

	it('adds allocation_gbp that sums exactly to the budget, for every method', async () => {
		for (const args of [
			['--cap', '25000'],
			['--method', 'topn', '--n', '30'],
			['--method', 'tiers', '--tiers', '20x30000,40x10000']
		]) {
			const out = join(work, `alloc-${args[1]}.csv`);
			const result = await score('--lens', '2015', '--out', out, '--budget', '1000000', '--eligible-holder', 'lab', ...args);
			expect(result.code, result.stderr).toBe(0);
			const rows = parse(readFileSync(out, 'utf8'));
			expect(rows).toHaveLength(650);
			expect(rows.reduce((a, r) => a + Number(r.allocation_gbp), 0)).toBe(1_000_000);
			expect(rows.filter((r) => Number(r.allocation_gbp) > 0).every((r) => r.holder === 'lab')).toBe(true);
		}
	}, 180_000);

	it('refuses impossible or malformed budget rules with a reason', async () => {
		const out = join(work, 'x.csv');
		expect((await score('--out', out, '--budget', '1000000', '--floor', '20000')).stderr).toContain('floor × eligible seats exceeds the budget');
		expect((await score('--out', out, '--budget', '1000000', '--method', 'topn')).stderr).toContain('--method topn needs --n');
		expect((await score('--out', out, '--budget', 'lots')).stderr).toContain('--budget must be a whole number of pounds');
		expect((await score('--out', out, '--eligible-holder', 'whigs')).stderr).toContain('Unknown --eligible-holder whigs');
	}, 180_000);

	it('--extra turns an uploaded CSV into indicators a definition can use', async () => {
		const extra = join(work, 'members.csv');
		writeFileSync(extra, 'Constituency,Members\nHartlepool,1200\nClacton,300\nGreat Grimsby,900\n');
		const d = defaultDefinition('2015-ukip');
		d.scores.threat.push({ id: 'upload.members.c0', weight: 3, direction: 1, normalisation: 'zscore', nullPolicy: 'reweight' });
		const definition = join(work, 'with-members.json');
		writeFileSync(definition, JSON.stringify(d));
		const withExtra = await score('--definition', definition, '--out', join(work, 'with.csv'), '--extra', extra);
		expect(withExtra.code, withExtra.stderr).toBe(0);
		expect(withExtra.stdout).toContain('Indicator upload.members.c0 (2010 set): Members (members.csv)');
		const plain = await score('--lens', '2015', '--out', join(work, 'plain.csv'));
		expect(plain.code).toBe(0);
		const threat = (file: string, name: string) => parse(readFileSync(join(work, file), 'utf8')).find((r) => r.name === name)!.threat;
		expect(threat('with.csv', 'Hartlepool')).not.toBe(threat('plain.csv', 'Hartlepool'));
		expect(threat('with.csv', 'Aldershot')).toBe(threat('plain.csv', 'Aldershot'));
		// Without the upload the definition names an unknown indicator.
		const missing = await score('--definition', definition, '--out', join(work, 'x.csv'));
		expect(missing.stderr).toContain('unknown indicator "upload.members.c0"');
	}, 180_000);

	it('--extra refuses duplicate seats unless told how to combine them', async () => {
		const extra = join(work, 'dupes.csv');
		writeFileSync(extra, 'code,n\nE14000733,1\nE14000733,2\n');
		const refused = await score('--lens', '2015', '--out', join(work, 'x.csv'), '--extra', extra);
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toContain('Pass --extra-duplicates sum or mean');
		const summed = await score('--lens', '2015', '--out', join(work, 'x.csv'), '--extra', extra, '--extra-duplicates', 'sum');
		expect(summed.code, summed.stderr).toBe(0);
	}, 180_000);
});
