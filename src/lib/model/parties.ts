/** Display names for the `winner_key` / `second_key` values in the results table. */
import { PARTY_LABEL, type Party } from './catalogue';

const OTHER_KEYS: Record<string, string> = {
	dup: 'DUP',
	sf: 'Sinn Féin',
	sdlp: 'SDLP',
	uup: 'UUP',
	alliance: 'Alliance',
	other: 'Other',
	speaker: 'Speaker'
};

export function holderLabel(key: string | null): string {
	if (key === null) return '—';
	return PARTY_LABEL[key as Party] ?? OTHER_KEYS[key] ?? key;
}

/** Holders offered in the eligibility filter, in a sensible order. Not the Speaker: never eligible. */
export const HOLDER_KEYS = ['lab', 'con', 'ld', 'snp', 'pc', 'green', 'ukip', 'reform', 'dup', 'sf', 'sdlp', 'uup', 'alliance', 'other'];
