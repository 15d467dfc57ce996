/**
 * Scoring probabilistic forecasts of "the holder lost the seat": Brier score, log loss, a
 * calibration table, and the majority-only logistic baseline the model has to beat.
 */
export interface Forecast {
	p: number;
	lost: 0 | 1;
}

export function brier(forecasts: readonly Forecast[]): number {
	return forecasts.reduce((a, f) => a + (f.p - f.lost) ** 2, 0) / forecasts.length;
}

/** Probabilities are clipped to [0.001, 0.999]: a Monte Carlo 0 is "under 1 in 1,000", not certainty. */
export const LOG_LOSS_CLIP = 0.001;

export function logLoss(forecasts: readonly Forecast[]): number {
	const clip = (p: number) => Math.min(Math.max(p, LOG_LOSS_CLIP), 1 - LOG_LOSS_CLIP);
	return -forecasts.reduce((a, f) => a + (f.lost ? Math.log(clip(f.p)) : Math.log(1 - clip(f.p))), 0) / forecasts.length;
}

export interface CalibrationBin {
	from: number;
	to: number;
	seats: number;
	lost: number;
	meanPredicted: number;
}

/** Forecasts grouped in equal-width bins of predicted probability (empty bins left out). */
export function calibration(forecasts: readonly Forecast[], bins = 10): CalibrationBin[] {
	const out = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, seats: 0, lost: 0, meanPredicted: 0 }));
	for (const f of forecasts) {
		const bin = out[Math.min(Math.floor(f.p * bins), bins - 1)];
		bin.seats++;
		bin.lost += f.lost;
		bin.meanPredicted += f.p;
	}
	return out.filter((b) => b.seats > 0).map((b) => ({ ...b, meanPredicted: b.meanPredicted / b.seats }));
}

/** P(y = 1) = 1 / (1 + e^−(a + b·x)), fitted by Newton–Raphson (a few steps suffice). */
export function fitLogistic(xs: readonly number[], ys: readonly (0 | 1)[]): { a: number; b: number } {
	let a = 0;
	let b = 0;
	for (let step = 0; step < 50; step++) {
		let ga = 0,
			gb = 0,
			haa = 0,
			hab = 0,
			hbb = 0;
		for (let i = 0; i < xs.length; i++) {
			const p = 1 / (1 + Math.exp(-(a + b * xs[i])));
			const w = Math.max(p * (1 - p), 1e-12);
			ga += ys[i] - p;
			gb += (ys[i] - p) * xs[i];
			haa += w;
			hab += w * xs[i];
			hbb += w * xs[i] * xs[i];
		}
		const det = haa * hbb - hab * hab;
		if (Math.abs(det) < 1e-18) break;
		const da = (hbb * ga - hab * gb) / det;
		const db = (haa * gb - hab * ga) / det;
		a += da;
		b += db;
		if (Math.abs(da) + Math.abs(db) < 1e-10) break;
	}
	return { a, b };
}

export const logistic = (fit: { a: number; b: number }, x: number) => 1 / (1 + Math.exp(-(fit.a + fit.b * x)));
