/**
 * A synthetic canvass export, the same for a given size and seed: one row per elector with a
 * 2024-set seat code (the key), a ward, voting intention, contact flags, turnout history and age
 * band. Used by the aggregate bench and the Spark parity test; written in chunks so 5×10⁷ rows
 * never sit in memory.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/lib/model/risk/random';
import { PROJECT_ROOT } from '../scripts/data/sources';

export const CANVASS_HEADER = 'pcon24cd,ward,intention,contacted_door,contacted_phone,voted_2017,voted_2019,voted_2024,age_band,likelihood';
const INTENTIONS = ['lab', 'con', 'ref', 'ld', 'grn', 'snp', 'pc', 'other', 'none', ''];
const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];

/** The 2024-set seat codes, from the app's built table. */
export function seatCodes2024(): string[] {
	return readFileSync(join(PROJECT_ROOT, 'static/data/constituencies.csv'), 'utf8')
		.split('\n')
		.filter((l) => l.startsWith('2024,'))
		.map((l) => l.split(',')[1]);
}

/** Writes `rows` electors to `path`; the same `seed` and `rows` give the same bytes. */
export function writeCanvass(path: string, rows: number, seed = 20240704): void {
	const random = mulberry32(seed);
	const seats = seatCodes2024();
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, CANVASS_HEADER + '\n');
		const chunk: string[] = [];
		for (let i = 0; i < rows; i++) {
			const seat = seats[Math.floor(random() * seats.length)];
			const ward = `W${1 + Math.floor(random() * 24)}`;
			const intention = INTENTIONS[Math.floor(random() * INTENTIONS.length)];
			const door = random() < 0.3;
			const phone = random() < 0.15;
			const v17 = random() < 0.68 ? 1 : 0;
			const v19 = random() < 0.67 ? 1 : 0;
			const v24 = random() < 0.6 ? 1 : 0;
			const age = AGE_BANDS[Math.floor(random() * AGE_BANDS.length)];
			// A likelihood to vote on 0–10, missing for one elector in ten.
			const likelihood = random() < 0.1 ? '' : (Math.round(random() * 1000) / 100).toString();
			chunk.push(`${seat},${ward},${intention},${door},${phone},${v17},${v19},${v24},${age},${likelihood}`);
			if (chunk.length === 50_000) writeSync(fd, chunk.splice(0).join('\n') + '\n');
		}
		if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
	} finally {
		closeSync(fd);
	}
}
