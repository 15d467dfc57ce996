/**
 * The challenger's national vote as published, beside what the constituency file sums to. Every
 * figure shown is the file's; where it differs from the published total, the note says by how much
 * (see ../shared/data/SOURCES.md, results/ge_2010_2024_harmonised_long.csv, "Checks").
 */
export interface PublishedTotal {
	party: 'ukip' | 'brexit' | 'reform';
	label: string;
	year: number;
	published: number;
	/** Why the file cannot equal the published figure, where that is known in advance. */
	caveat?: string;
}

export const PUBLISHED_TOTALS: PublishedTotal[] = [
	{ party: 'ukip', label: 'UKIP', year: 2010, published: 919_471 },
	{ party: 'ukip', label: 'UKIP', year: 2015, published: 3_881_099 },
	{ party: 'ukip', label: 'UKIP', year: 2017, published: 594_068 },
	{ party: 'brexit', label: 'Brexit Party', year: 2019, published: 644_257 },
	{ party: 'reform', label: 'Reform UK', year: 2024, published: 4_117_610 }
];

const fmt = (n: number) => n.toLocaleString('en-GB');

/** Null when the file's total is the published one; otherwise a sentence for the reader. */
export function totalNote(total: PublishedTotal, fileVotes: number): string | null {
	const diff = fileVotes - total.published;
	if (diff === 0) return null;
	const votes = Math.abs(diff) === 1 ? 'vote' : 'votes';
	return `The constituency file sums to ${fmt(fileVotes)}, ${fmt(Math.abs(diff))} ${votes} ${diff > 0 ? 'more' : 'fewer'} than the published ${fmt(total.published)}; the app uses the file's figures.`;
}

export { fmt as formatVotes };
