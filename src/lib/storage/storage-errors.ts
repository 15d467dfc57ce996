/**
 * One wording for "the browser is out of space", whichever store hit it: the user's fix is the
 * same (delete uploads or scenarios), so every message says so the same way.
 */

/** A quota failure, by DOMException name (Chrome, Safari) or Firefox's older name and code 22. */
export function isQuotaError(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const { name, code } = error as { name?: unknown; code?: unknown };
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (code === 22 && name !== 'Error');
}

/** `what` is the thing that was not saved, e.g. "the upload “Members”". */
export function storageFullMessage(what: string): string {
	return `Browser storage is full: ${what} was not saved. Delete old uploads (under Your data) or saved scenarios, then try again.`;
}
