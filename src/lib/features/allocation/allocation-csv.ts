/** The allocation as CSV for the committee's spreadsheet, with the method and sources after the rows. */
import { toCsv, type CsvCell } from '$lib/export/csv';
import type { AllocatedSeat, BudgetRule } from './budget';
import { reason } from './budget';

export const ALLOCATION_COLUMNS = ['rank', 'code', 'name', 'nation', 'region', 'holder', 'priority', 'post_industrial', 'threat', 'allocation_gbp', 'reason'];

export function allocationCsv(seats: readonly AllocatedSeat[], rule: BudgetRule, context: { lens: string; date: string; attribution: string[] }): string {
	const rows: CsvCell[][] = seats.map((s) => [s.rank, s.code, s.name, s.nation, s.region, s.holder, s.priority, s.postIndustrial, s.threat, s.amount, reason(s, rule.method)]);
	const notes: CsvCell[][] = [
		[],
		[`Heartlands allocation, lens ${context.lens}, ${context.date}. Budget £${rule.budget} (${rule.method.kind}).`],
		...context.attribution.map((line) => [line])
	];
	return toCsv(ALLOCATION_COLUMNS, [...rows, ...notes]);
}
