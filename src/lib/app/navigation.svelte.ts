/** The shown place as state: pushes a history entry per move and follows Back and Forward (see navigation.ts). */
import { addressOf, placeFrom, type Place, type ViewId } from './navigation';

export class Navigation {
	place = $state<Place>({ view: 'briefing', seat: null });

	constructor(search: string) {
		this.place = placeFrom(search);
	}

	/** Show a view (and, for the profile, a seat); pushes a history entry when the place changes. */
	go(view: ViewId, seat: string | null = null) {
		const next: Place = { view, seat: view === 'profile' ? seat : null };
		if (next.view === this.place.view && next.seat === this.place.seat) return;
		this.place = next;
		history.pushState(history.state, '', addressOf(next, location.href));
	}

	/** Follow Back and Forward (then run `after`). Returns the listener's remover. */
	listen(after?: () => void): () => void {
		const onpop = () => {
			this.place = placeFrom(location.search);
			after?.();
		};
		addEventListener('popstate', onpop);
		return () => removeEventListener('popstate', onpop);
	}
}
