/** Column definitions for the first screen's table. Numbers start sorted high-to-low on first click. */
import type { OverviewRow } from '$lib/queries/overview';
import type { SortColumn } from '$lib/ui/table-sort';

export interface OverviewColumn extends SortColumn<keyof OverviewRow & string> {
	format?: (value: number) => string;
}

const pct = (v: number) => `${v.toFixed(1)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en-GB');

export const OVERVIEW_COLUMNS: OverviewColumn[] = [
	{ key: 'name', label: 'Constituency' },
	{ key: 'nation', label: 'Nation' },
	{ key: 'region', label: 'Region' },
	{ key: 'winner2015', label: '2015 winner' },
	{ key: 'ukipShare2015', label: 'UKIP 2015 (%)', numeric: true, format: pct, title: 'UKIP share of valid votes, 2015 general election' },
	{ key: 'majority2015', label: '2015 majority', numeric: true, format: int, title: 'Winner’s majority in votes, 2015' },
	{ key: 'leave2016', label: 'Leave 2016 (%)', numeric: true, format: pct, title: 'Estimated Leave share, EU referendum 2016 (Hanretty; NI counts)' },
	{ key: 'deprivationScore', label: 'Deprivation score', numeric: true, format: (v) => v.toFixed(1), title: 'mySociety UK composite IMD score (higher = more deprived)' }
];
