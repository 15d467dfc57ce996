/**
 * Keep the address bar equal to the current view, so copying it reproduces the view. Replaces
 * the history entry (debounced) rather than pushing one per edit: Back leaves the app, not the
 * last weight moved.
 */
import type { ScenariosState } from '$lib/features/scenarios/scenarios-state.svelte';

const SETTLE_MS = 250;

export function keepAddressCurrent(scenarios: ScenariosState): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const stop = $effect.root(() => {
		$effect(() => {
			const link = scenarios.link(location.href);
			clearTimeout(timer);
			timer = setTimeout(() => history.replaceState(history.state, '', link), SETTLE_MS);
		});
	});
	return () => {
		clearTimeout(timer);
		stop();
	};
}
