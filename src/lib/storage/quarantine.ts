/**
 * Quarantine: where stored items this version cannot read are moved, instead of being deleted
 * or crashing the page. Each IndexedDB database keeps a `quarantine` object store of these
 * entries; localStorage values move under a `heartlands:quarantine:` key. Nothing reads them
 * back automatically: they are kept so a newer app (or a person) can recover them, and clearing
 * the site's data removes them (see SECURITY.md).
 */
export const QUARANTINE_STORE = 'quarantine';

export interface QuarantineEntry {
	/** The store it came from, e.g. "scenarios". */
	store: string;
	key: string | null;
	/** Why it was set aside, in words for the user. */
	reason: string;
	/** ISO time it was moved. */
	at: string;
	/** The record exactly as it was stored. */
	record: unknown;
}

/** One thing set aside, for the message the user sees. */
export interface SetAsideNote {
	what: string;
	reason: string;
}

/** "Set aside 2 stored items …: saved scenario “Plan” (reason); upload “Members” (reason)." */
export function describeSetAside(notes: readonly SetAsideNote[], limit = 4): string {
	if (!notes.length) return '';
	const shown = notes.slice(0, limit).map((n) => `${n.what} (${n.reason})`);
	const more = notes.length > limit ? `; and ${notes.length - limit} more` : '';
	const count = notes.length === 1 ? 'one stored item' : `${notes.length} stored items`;
	return `Set aside ${count} that this version cannot read: ${shown.join('; ')}${more}. ${notes.length === 1 ? 'It was' : 'They were'} kept in the browser's quarantine, not deleted; everything else loaded normally.`;
}
