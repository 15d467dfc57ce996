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
