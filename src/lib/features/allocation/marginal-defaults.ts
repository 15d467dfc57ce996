/** The marginal method's starting rule and its description in words (report, CSV, summary). */
import { DEFAULT_CURVE, DEFAULT_LOCAL_SHARE } from '$lib/model/allocation/defaults';
import type { MarginalMethod } from '$lib/model/allocation/engine';
import { formatPounds } from '$lib/model/allocation/engine';

export function defaultMarginalMethod(): MarginalMethod {
	return { kind: 'marginal', beta: DEFAULT_CURVE.beta, s0: DEFAULT_CURVE.s0, objective: { kind: 'expected-seats' }, localShare: DEFAULT_LOCAL_SHARE, includeLong: false };
}

export function objectiveText(method: MarginalMethod): string {
	return method.objective.kind === 'expected-seats' ? 'the most expected seats held' : `the highest chance of holding at least ${method.objective.seats} seats`;
}

export function marginalMethodText(method: MarginalMethod): string {
	const limits = [method.floor ? `at least ${formatPounds(method.floor)} a seat` : '', method.cap ? `at most ${formatPounds(method.cap)} a seat` : ''].filter(Boolean).join(', ');
	return (
		`by marginal value: each next pound to the seat where it adds most to ${objectiveText(method)}, ` +
		`with spending moving a seat's lead by β·ln(1 + £/s₀) points (β ${method.beta}, s₀ ${formatPounds(method.s0)}); ` +
		`each grant held to the legal spending limit less ${Math.round(method.localShare * 100)}% expected local spend` +
		`${method.includeLong ? ' (long campaign included)' : ' (short campaign only)'}${limits ? `; ${limits}` : ''}`
	);
}
