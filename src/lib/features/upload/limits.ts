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
