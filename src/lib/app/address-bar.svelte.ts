/**
 * Keep the address bar's scenario (`?s=`) equal to the current one, so copying it reproduces the
 * view (the view and the profile's seat are navigation.svelte.ts's). Replaces
 * the history entry (debounced) rather than pushing one per edit: Back leaves the app, not the
 * last weight moved.
 */
import type { ScenariosState } from '$lib/features/scenarios/scenarios-state.svelte';

const SETTLE_MS = 250;

export function keepAddressCurrent(scenarios: ScenariosState): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const stop = $effect.root(() => {
		$effect(() => {
			scenarios.link(location.href); // read for its dependencies: any edit restarts the timer
			clearTimeout(timer);
			// The link is made when the timer fires, from the address then: a view or profile pushed
			// meanwhile (navigation.svelte.ts) keeps its tab and seat.
			timer = setTimeout(() => history.replaceState(history.state, '', scenarios.link(location.href)), SETTLE_MS);
		});
	});
	return () => {
		clearTimeout(timer);
		stop();
	};
}
