/** Save a Blob as a file, from the page itself (no server involved). */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoke later: the download may not have started reading the URL yet.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, filename: string, type: string): void {
	downloadBlob(new Blob([text], { type }), filename);
}

/**
 * The local calendar date as YYYY-MM-DD, for file names and titles: the day on the user's clock,
 * so an export made just after midnight in summer time carries today's date, not yesterday's (UTC).
 */
export function isoDate(date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
