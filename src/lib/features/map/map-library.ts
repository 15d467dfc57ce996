/**
 * MapLibre, imported once per page. It is the app's biggest library and only the Map tab needs it,
 * so it is not in the start-up bundle; a visit that opens on the Map asks for it at once (with
 * `prewarm`, which starts MapLibre's worker), so the download, the worker's start and the data's
 * first paint overlap instead of queueing behind each other.
 */
type MapLibrary = typeof import('maplibre-gl');

let library: Promise<MapLibrary> | null = null;

export function mapLibrary(): Promise<MapLibrary> {
	if (!library) {
		library = import('maplibre-gl').then((lib) => {
			lib.prewarm();
			return lib;
		});
		library.catch(() => (library = null)); // let a later mount try again
	}
	return library;
}
