/**
 * Page-wide notices about the browser's storage: items set aside at start-up (quarantine). One
 * place, so the message names everything that was set aside whichever store found it, and shows
 * whichever tab the user is on.
 */
import { describeSetAside, type SetAsideNote } from './quarantine';

export class StorageNotices {
	setAside = $state.raw<SetAsideNote[]>([]);
	dismissed = $state(false);
	readonly text = $derived(this.dismissed ? '' : describeSetAside(this.setAside));

	add(notes: readonly SetAsideNote[]) {
		if (!notes.length) return;
		this.setAside = [...this.setAside, ...notes];
		this.dismissed = false;
	}
}

export const storageNotices = new StorageNotices();
