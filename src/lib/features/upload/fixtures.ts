/**
 * Fixtures the project writes itself: a small reference table of real seats (codes and names are
 * public ONS identifiers) and builders for each kind of bad upload the issue lists. They are
 * built in code so tests show exactly which bytes they feed in, and need no files on disk.
 */
import { CP1252_80_9F } from './decode';
import type { ReferenceSeat } from './types';

const seat = (set: '2010' | '2024', code: string, name: string, nation: string, altNames?: string[]): ReferenceSeat => (altNames ? { set, code, name, nation, altNames } : { set, code, name, nation });

export const REFERENCE_FIXTURE: readonly ReferenceSeat[] = [
	seat('2010', 'E14000530', 'Aldershot', 'England'),
	seat('2010', 'E14000641', 'City Of Durham', 'England'),
	seat('2010', 'E14000642', 'Clacton', 'England'),
	seat('2010', 'E14000716', 'Great Grimsby', 'England'),
	seat('2010', 'E14000733', 'Hartlepool', 'England'),
	seat('2010', 'E14000771', 'Kingston upon Hull East', 'England'),
	seat('2010', 'E14000772', 'Kingston upon Hull North', 'England'),
	seat('2010', 'E14000773', 'Kingston upon Hull West and Hessle', 'England'),
	seat('2010', 'E14000778', 'Leeds East', 'England'),
	seat('2010', 'E14000781', 'Leeds West', 'England'),
	seat('2010', 'E14000815', 'Mid Dorset and North Poole', 'England'),
	seat('2010', 'E14000895', 'Richmond (Yorks)', 'England'),
	seat('2010', 'E14000896', 'Richmond Park', 'England'),
	seat('2010', 'E14000904', 'Rotherham', 'England'),
	seat('2010', 'E14000960', 'St Albans', 'England'),
	seat('2010', 'E14000972', 'Stoke-on-Trent Central', 'England', ['Stoke-On-Trent Central']),
	seat('2010', 'N06000001', 'Belfast East', 'Northern Ireland'),
	seat('2010', 'S14000010', 'Central Ayrshire', 'Scotland'),
	seat('2010', 'S14000021', 'East Renfrewshire', 'Scotland'),
	seat('2010', 'S14000027', 'Na h-Eileanan An Iar', 'Scotland'),
	seat('2010', 'W07000041', 'Ynys Môn', 'Wales'),
	seat('2010', 'W07000073', 'Bridgend', 'Wales'),
	seat('2024', 'E14001063', 'Aldershot', 'England'),
	seat('2024', 'E14001173', 'City of Durham', 'England'),
	seat('2024', 'E14001174', 'Clacton', 'England'),
	seat('2024', 'E14001255', 'Great Grimsby and Cleethorpes', 'England'),
	seat('2024', 'E14001272', 'Hartlepool', 'England'),
	seat('2024', 'E14001313', 'Kingston upon Hull East', 'England'),
	seat('2024', 'E14001314', 'Kingston upon Hull North and Cottingham', 'England'),
	seat('2024', 'E14001320', 'Leeds East', 'England'),
	seat('2024', 'E14001325', 'Leeds West and Pudsey', 'England'),
	seat('2024', 'E14001363', 'Mid Dorset and North Poole', 'England'),
	seat('2024', 'E14001444', 'Richmond and Northallerton', 'England'),
	seat('2024', 'E14001445', 'Richmond Park', 'England'),
	seat('2024', 'E14001452', 'Rotherham', 'England'),
	seat('2024', 'E14001507', 'St Albans', 'England'),
	seat('2024', 'E14001520', 'Stoke-on-Trent Central', 'England'),
	seat('2024', 'N05000001', 'Belfast East', 'Northern Ireland'),
	seat('2024', 'S14000021', 'East Renfrewshire', 'Scotland'),
	seat('2024', 'S14000027', 'Na h-Eileanan an Iar', 'Scotland'),
	seat('2024', 'S14000109', 'Central Ayrshire', 'Scotland'),
	seat('2024', 'W07000086', 'Bridgend', 'Wales', ['Pen-y-bont']),
	seat('2024', 'W07000112', 'Ynys Môn', 'Wales')
];

export const codesOf = (set: '2010' | '2024'): string[] => REFERENCE_FIXTURE.filter((s) => s.set === set).map((s) => s.code);

/** RFC 4180 writer: quote a field only when it needs it (or when it is a row's only, empty field). */
export function toDelimited(rows: readonly (readonly string[])[], delimiter = ',', eol = '\n'): string {
	const needs = new RegExp(`["\\r\\n${delimiter === '|' ? '\\|' : delimiter}]|^\\ufeff`);
	const cell = (v: string, only: boolean) => (needs.test(v) || (only && v.trim() === '') ? `"${v.replaceAll('"', '""')}"` : v);
	return rows.map((r) => r.map((v) => cell(v, r.length === 1)).join(delimiter)).join(eol) + eol;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What Excel's plain "CSV" save writes on a UK Windows PC. Throws on characters it cannot hold. */
export function encodeWindows1252(text: string): Uint8Array {
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const high = CP1252_80_9F.indexOf(text[i]);
		const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : high >= 0 ? 0x80 + high : undefined;
		if (b === undefined) throw new Error(`not in Windows-1252: U+${c.toString(16)}`);
		out[i] = b;
	}
	return out;
}

/** Deterministic bytes (mulberry32), so a failing binary test fails the same way every run. */
export function randomBytes(length: number, seed = 1): Uint8Array {
	let a = seed >>> 0;
	const out = new Uint8Array(length);
	for (let i = 0; i < length; i++) {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
	}
	return out;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const BAD_INPUTS = {
	empty: (): Uint8Array => new Uint8Array(0),
	headerOnly: (): Uint8Array => utf8('ons_id,constituency_name,members\n'),
	ragged: (): Uint8Array => utf8('ons_id,name,members\nE14000530,Aldershot,12\nE14000642,Clacton\n' + 'E14000733,Hartlepool,7,extra\nE14000904,Rotherham,3\n'),
	unbalancedQuotes: (): Uint8Array => utf8('ons_id,name,note\nE14000530,Aldershot,ok\nE14000642,"Clacton,seaside\nE14000733,Hartlepool,fine\n'),
	semicolons: (): Uint8Array => utf8('ons_id;name;share\nE14000530;Aldershot;12,5\nE14000642;Clacton;44,4\nE14000733;Hartlepool;28,0\n'),
	binaryJunk: (): Uint8Array => {
		const bytes = randomBytes(4096, 42);
		bytes[100] = 0; // random data has NULs; make sure of one
		return bytes;
	},
	png: (): Uint8Array => new Uint8Array([...PNG_SIGNATURE, 0, 0, 0, 13, ...utf8('IHDR'), ...randomBytes(64, 7)]),
	windows1252: (): Uint8Array => encodeWindows1252('ons_id,name,budget,note\r\nW07000041,Ynys Môn,"£1,200",café\r\nW07000073,Pen-y-bont ar Ogwr,£950,résumé\r\n'),
	duplicateKeys: (): Uint8Array => utf8('ons_id,members\nE14000530,10\nE14000642,20\nE14000530,30\nE14000733,40\n'),
	noKey: (): Uint8Array => utf8('colour,size,count\nred,large,3\nblue,small,5\ngreen,medium,8\n'),
	otherSetCodes: (): Uint8Array => utf8('ons_id,members\nE14001063,10\nE14001174,20\nE14001272,30\n'),
	hostileHeaders: (): Uint8Array =>
		utf8(
			toDelimited([
				['ons_id', 'x"; DROP TABLE results; --', '"><img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
				['E14000530', '1', '2', '3'],
				['E14000642', '4', '5', '6']
			])
		)
} as const;

/** A big CSV built in chunks (joining one huge array of lines would double peak memory). */
export function largeCsv(rows: number, codes: readonly string[] = codesOf('2010')): string {
	const chunks: string[] = ['code,row,value,share\n'];
	const CHUNK = 50_000;
	for (let start = 0; start < rows; start += CHUNK) {
		const lines: string[] = [];
		for (let r = start; r < Math.min(rows, start + CHUNK); r++) {
			lines.push(`${codes[r % codes.length]},${r},${(r * 7) % 1000},${(r % 100) / 2}%\n`);
		}
		chunks.push(lines.join(''));
	}
	return chunks.join('');
}
