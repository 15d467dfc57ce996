/**
 * For `npm run bench` only (installed by `entry.ts` as `__heartlandsBench.timeRecolour`, reaching
 * the map through the map container's test hook): one recolour of every seat, timed until MapLibre is idle again, either the app's way (feature-state) or the way the
 * design rejects (rebuild the GeoJSON source with setData), so the benchmark can show the gap.
 * It bypasses GeoMap's record of applied colours, so the map is out of step afterwards; the
 * benchmark reloads the page before it measures anything else on it.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export type RecolourMode = 'feature-state' | 'set-data';

export function timeRecolour(m: MapLibreMap, source: string, seats: FeatureCollection, mode: RecolourMode, round: number): Promise<number> {
	const colour = (i: number) => `hsl(${(i * 37 + round * 90) % 360} 60% 50%)`;
	const start = performance.now();
	if (mode === 'feature-state') {
		seats.features.forEach((f, i) => m.setFeatureState({ source, id: String(f.properties?.code) }, { fill: colour(i) }));
	} else {
		const features = seats.features.map((f, i) => ({ ...f, properties: { ...f.properties, fill: colour(i) } }));
		(m.getSource(source) as GeoJSONSource).setData({ ...seats, features });
	}
	return new Promise((resolve) => m.once('idle', () => resolve(performance.now() - start)));
}

interface MapHook {
	instance: MapLibreMap;
	seatSource(): { id: string; seats: FeatureCollection } | null;
}

/** Time a recolour of the map drawn in the element `selector` names. */
export function timeRecolourIn(selector: string, mode: RecolourMode, round: number): Promise<number> {
	const hook = (document.querySelector(selector) as unknown as { heartlandsMap?: MapHook } | null)?.heartlandsMap;
	const source = hook?.seatSource();
	if (!hook || !source) return Promise.reject(new Error(`No drawn map in ${selector}.`));
	return timeRecolour(hook.instance, source.id, source.seats, mode, round);
}
