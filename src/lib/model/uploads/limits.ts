/**
 * Upload limits. They protect the tab, not the data: a browser tab has a few GB at most, and the
 * parsed strings cost several times the file size, so a limit stated up front beats a crashed tab.
 */
export interface UploadLimits {
	/** Largest file accepted, checked from `File.size` before a byte is read. */
	readonly maxBytes: number;
	/** Data rows (not counting the header). */
	readonly maxRows: number;
	readonly maxColumns: number;
}

export const DEFAULT_LIMITS: UploadLimits = {
	maxBytes: 200 * 1000 * 1000,
	maxRows: 2_000_000,
	maxColumns: 2_000
};

/**
 * What a stored upload record may hold. The importer clips text to these lengths and refuses more
 * columns, and the stored-record check (`validateDataset`) accepts exactly these, so whatever
 * imports also survives a reload. One place, so the two can never drift apart again.
 */
export const RECORD_LIMITS = {
	/** Indicator columns in one dataset: whatever the file readers accept. */
	columns: DEFAULT_LIMITS.maxColumns,
	/** A column's header as it was in the file (kept for the indicator's description). */
	header: 400,
	label: 200,
	unit: 60,
	name: 200,
	fileName: 400
} as const;

/** Shorten text to a stored limit, marking the cut with an ellipsis. */
export function clipText(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
