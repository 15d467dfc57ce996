/** Column definitions for the first screen's table. Numbers start sorted high-to-low on first click. */
import type { OverviewRow } from '$lib/queries/overview';

export interface OverviewColumn {
	key: keyof OverviewRow;
	label: string;
	kind: 'text' | 'number';
	format?: (value: number) => string;
	title?: string;
}

const pct = (v: number) => `${v.toFixed(1)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en-GB');

export const OVERVIEW_COLUMNS: OverviewColumn[] = [
	{ key: 'name', label: 'Constituency', kind: 'text' },
	{ key: 'nation', label: 'Nation', kind: 'text' },
	{ key: 'region', label: 'Region', kind: 'text' },
	{ key: 'winner2015', label: '2015 winner', kind: 'text' },
	{ key: 'ukipShare2015', label: 'UKIP 2015 (%)', kind: 'number', format: pct, title: 'UKIP share of valid votes, 2015 general election' },
	{ key: 'majority2015', label: '2015 majority', kind: 'number', format: int, title: 'Winner’s majority in votes, 2015' },
	{ key: 'leave2016', label: 'Leave 2016 (%)', kind: 'number', format: pct, title: 'Estimated Leave share, EU referendum 2016 (Hanretty; NI counts)' },
	{ key: 'deprivationScore', label: 'Deprivation score', kind: 'number', format: (v) => v.toFixed(1), title: 'mySociety UK composite IMD score (higher = more deprived)' }
];
