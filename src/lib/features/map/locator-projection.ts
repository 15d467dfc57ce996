/**
 * A planar projection for the small SVG maps: longitude scaled by cos(latitude) at the UK's middle,
 * then fitted to a box. Planar on purpose: d3's spherical projections read polygon winding, and a
 * ring wound the GeoJSON (RFC 7946) way would be drawn as the whole globe minus the seat.
 */
import { geoPath, geoTransform, type GeoPermissibleObjects } from 'd3';

const K = Math.cos((54.5 * Math.PI) / 180);

function transform(scale: number, tx: number, ty: number) {
	return geoTransform({
		point(lon, lat) {
			this.stream.point(lon * K * scale + tx, -lat * scale + ty);
		}
	});
}

/** A path generator that fits `object` into `width` × `height` (with a small margin). */
export function fitPath(object: GeoPermissibleObjects, width: number, height: number, margin = 4) {
	const [[x0, y0], [x1, y1]] = geoPath(transform(1, 0, 0)).bounds(object);
	const scale = Math.min((width - 2 * margin) / Math.max(x1 - x0, 1e-9), (height - 2 * margin) / Math.max(y1 - y0, 1e-9));
	const tx = (width - (x1 - x0) * scale) / 2 - x0 * scale;
	const ty = (height - (y1 - y0) * scale) / 2 - y0 * scale;
	return geoPath(transform(scale, tx, ty));
}

/**
 * Web Mercator as MapLibre draws it, fitted as its `fitBounds` fits `bounds` with `padding`: the
 * box, inset by the padding, touches the viewport on one axis and is centred on both. `zoom` is
 * MapLibre's zoom for that fit (its world is 512 px wide at zoom 0), for zoom-dependent widths.
 * Planar (a stream transform), so ring winding does not matter.
 */
export function fitMercator(bounds: [[number, number], [number, number]], width: number, height: number, padding: number) {
	const x = (lon: number) => (lon * Math.PI) / 180;
	const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
	const [[west, south], [east, north]] = bounds;
	const scale = Math.min((width - 2 * padding) / Math.max(x(east) - x(west), 1e-12), (height - 2 * padding) / Math.max(y(north) - y(south), 1e-12));
	const tx = width / 2 - ((x(west) + x(east)) / 2) * scale;
	const ty = height / 2 + ((y(south) + y(north)) / 2) * scale;
	const projection = geoTransform({
		point(lon, lat) {
			this.stream.point(x(lon) * scale + tx, -y(lat) * scale + ty);
		}
	});
	return { path: geoPath(projection), zoom: Math.log2((scale * 2 * Math.PI) / 512) };
}
