/** Which points fall inside a brushed rectangle (in data units). Pure, so it is tested directly. */
export interface Point {
	code: string;
	x: number | null;
	y: number | null;
}

export interface Box {
	x0: number;
	x1: number;
	y0: number;
	y1: number;
}

export function pointsInBox(points: readonly Point[], box: Box): string[] {
	const [xl, xh] = box.x0 <= box.x1 ? [box.x0, box.x1] : [box.x1, box.x0];
	const [yl, yh] = box.y0 <= box.y1 ? [box.y0, box.y1] : [box.y1, box.y0];
	return points.filter((p) => p.x !== null && p.y !== null && p.x >= xl && p.x <= xh && p.y >= yl && p.y <= yh).map((p) => p.code);
}
