/** The allocation as CSV for the committee's spreadsheet, with the method and sources after the rows. */
import { toCsv, type CsvCell } from '$lib/export/csv';
import type { PlanPayload } from '$lib/model/allocation/plan-job';
import type { AllocatedSeat, BudgetRule } from './budget';
import { reason } from './budget';
import { marginalMethodText } from './marginal-defaults';

export const ALLOCATION_COLUMNS = ['rank', 'code', 'name', 'nation', 'region', 'holder', 'priority', 'post_industrial', 'threat', 'allocation_gbp', 'reason'];
/** Added for the marginal method, before `reason`. */
export const MARGINAL_COLUMNS = ['legal_limit_gbp', 'cap_gbp', 'p_loss', 'p_loss_after', 'seats_per_last_1000_gbp', 'funded_share_across_beta', 'min_gbp_across_beta', 'max_gbp_across_beta'];

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

export function allocationCsv(seats: readonly AllocatedSeat[], rule: BudgetRule, context: { lens: string; date: string; attribution: string[]; plan?: PlanPayload | null }): string {
	const method = rule.method;
	const plan = method.kind === 'marginal' ? (context.plan ?? null) : null;
	const base = (s: AllocatedSeat): CsvCell[] => [s.rank, s.code, s.name, s.nation, s.region, s.holder, s.priority, s.postIndustrial, s.threat, s.amount];
	if (!plan || method.kind !== 'marginal') {
		const rows: CsvCell[][] = seats.map((s) => [...base(s), reason(s, method)]);
		const notes: CsvCell[][] = [[], [`Heartlands allocation, lens ${context.lens}, ${context.date}. Budget £${rule.budget} (${method.kind}).`], ...context.attribution.map((line) => [line])];
		return toCsv(ALLOCATION_COLUMNS, [...rows, ...notes]);
	}
	const sens = new Map(plan.sensitivity.map((s) => [s.code, s]));
	const rows: CsvCell[][] = seats.map((s) => {
		const p = s.plan;
		const x = sens.get(s.code);
		return [...base(s), p?.legalLimit ?? null, p?.cap ?? null, round(p?.pLossBefore), round(p?.pLossAfter), round(p?.marginalPer1000, 6), x ? round(x.fundedShare, 2) : null, x?.min ?? null, x?.max ?? null, reason(s, method)];
	});
	const f = plan.plan.figures;
	const notes: CsvCell[][] = [
		[],
		[`Heartlands allocation, lens ${context.lens}, ${context.date}. Budget £${rule.budget} (marginal), ${marginalMethodText(method)}.`],
		[
			`Parameters: beta ${method.beta}; s0 £${method.s0}; objective ${method.objective.kind === 'hold-at-least' ? `hold at least ${method.objective.seats} seats` : 'expected seats'}; expected local spend ${Math.round(method.localShare * 100)}%; long campaign ${method.includeLong ? 'included' : 'not included'}; β sensitivity × ${plan.multipliers.join(', ')}.`
		],
		[`Risk model: base ${plan.job.baseYear}, scenario ${plan.job.spec}, ${plan.job.set} boundaries. Spending limits of the ${plan.limitYear} election: ${plan.regime.order}.`],
		...plan.regime.sources.map((line) => [`Limit source: ${line}`]),
		...f.map((x) => [
			`${x.method}: expected seats held ${x.heldBefore.toFixed(2)} before, ${x.heldAfter.toFixed(2)} after (90% range ${x.low}-${x.high}); £ per expected seat saved ${x.perSeatSaved === null ? 'n/a' : Math.round(x.perSeatSaved)}; unspendable £${x.unspendable}.`
		]),
		...context.attribution.map((line) => [line])
	];
	return toCsv([...ALLOCATION_COLUMNS.slice(0, -1), ...MARGINAL_COLUMNS, 'reason'], [...rows, ...notes]);
}
