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

export const isoDate = (d = new Date()) => d.toISOString().slice(0, 10);
