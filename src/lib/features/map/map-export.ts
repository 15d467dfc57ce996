/**
 * The map's data as CSV, and export file names. Pure, so the exact bytes a committee receives are
 * tested. Attribution goes into every export because the licences (OGL, Open Parliament Licence,
 * CC BY) require it wherever the data travels.
 */
import { toCsv, type CsvCell } from '$lib/export/csv';
import type { VariableId } from './map-variables';

export interface MapExportRow {
	code: string;
	name: string;
	nation: string;
	region: string;
	holder: string;
	post_industrial: number | null;
	threat: number | null;
	/** The mapped value; null for the bivariate view (both scores are in their own columns). */
	value: number | null;
	/** "3 of 5 (12.3–45.6)", a bivariate cell label, or "no data". */
	classLabel: string;
	colour: string;
}

export interface MapExportContext {
	variable: VariableId;
	variableLabel: string;
	unit: string;
	lensLabel: string;
	boundarySet: string;
	notional: boolean;
	/** YYYY-MM-DD. */
	date: string;
}

export const CSV_COLUMNS = ['code', 'name', 'nation', 'region', 'holder', 'variable', 'unit', 'value', 'class', 'colour', 'post_industrial', 'threat', 'lens', 'boundary_set', 'notional'];

/** Several sources share one attribution line; each line appears once, in manifest order. */
export function attributionLines(sources: readonly { attribution: string }[]): string[] {
	return [...new Set(sources.map((s) => s.attribution.trim()).filter(Boolean))];
}

export function mapCsv(rows: readonly MapExportRow[], ctx: MapExportContext, attribution: readonly string[]): string {
	const data: CsvCell[][] = rows.map((r) => [r.code, r.name, r.nation, r.region, r.holder, ctx.variableLabel, ctx.unit, r.value, r.classLabel, r.colour, r.post_industrial, r.threat, ctx.lensLabel, ctx.boundarySet, ctx.notional]);
	// Trailing rows, after a blank line, starting with "#" so tools that skip comments can.
	const trailer: CsvCell[][] = [
		[],
		[`# Heartlands map export, ${ctx.date}: ${ctx.variableLabel}, lens ${ctx.lensLabel}, ${ctx.boundarySet} boundaries${ctx.notional ? ' (notional values)' : ''}.`],
		['# Sources and licences:'],
		...attribution.map((line) => [`# ${line}`])
	];
	return toCsv(CSV_COLUMNS, [...data, ...trailer]);
}

/** heartlands-map-<variable>-<date>.<ext>, with the variable reduced to safe file-name characters. */
export function exportFileName(variable: VariableId, date: string, ext: 'png' | 'csv'): string {
	const slug =
		variable
			.replace(/^indicator:/, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'map';
	return `heartlands-map-${slug}-${date}.${ext}`;
}
