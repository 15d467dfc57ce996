/**
 * Loaded into MapLibre's own workers (`importScriptInWorkers`, see overlay-data.ts): lets a GeoJSON
 * source's `data` be a blob: URL of a layer blob (layer-blob.ts), fetched and turned into GeoJSON
 * right there. MapLibre hands URLs that are not http(s) to the page's thread, which would parse and
 * copy the whole layer there; a protocol registered in the worker keeps all of it off the page.
 * MapLibre looks a protocol up by the text before "://", which for a blob URL is "blob:http(s)".
 * The fetch runs under the page's CSP (MapLibre's workers are created from blob: URLs), whose
 * connect-src already allows blob:.
 */
import { decodeLayerBlob } from './layer-blob';

type Load = (request: { url: string }, abort: AbortController) => Promise<{ data: unknown }>;
const scope = self as unknown as { addProtocol?: (name: string, load: Load) => void };

const load: Load = async (request, abort) => {
	const response = await fetch(request.url, { signal: abort.signal });
	const bytes = await response.arrayBuffer();
	const layer = decodeLayerBlob(bytes);
	if (!layer) throw new Error('not a Heartlands layer');
	// MapLibre sends data it loaded from a URL back to the page (for getData), which for this layer
	// meant copying every nested array onto the page's thread: seconds of work and garbage. Its copier
	// walks enumerable properties only, while the tiler reads `features` directly, so a
	// non-enumerable `features` is tiled here and never sent. The page never asks an overlay for its data.
	Object.defineProperty(layer, 'features', { value: layer.features, enumerable: false });
	return { data: layer };
};

scope.addProtocol?.('blob:http', load);
scope.addProtocol?.('blob:https', load);
