/**
 * Tiny .xlsx files built in code from hand-written XML (zipped with fflate), so each test shows
 * exactly which parts and cells it feeds the reader.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface FixtureSheet {
	readonly name: string;
	/** The XML inside `<sheetData>`. */
	readonly rows: string;
}

export function workbookXml(names: readonly string[]): string {
	const sheets = names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

export function relsXml(count: number, withStrings: boolean): string {
	const sheets = Array.from(
		{ length: count },
		(_, i) =>
			// The second sheet uses an absolute target, as some writers do.
			`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${i === 1 ? '/xl/' : ''}worksheets/sheet${i + 1}.xml"/>`
	).join('');
	const strings = withStrings ? `<Relationship Id="rId${count + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '';
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}${strings}<Relationship Id="rId99" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

export function sheetXml(rows: string): string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

export function sharedStringsXml(items: readonly string[]): string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS.split(' ')[0]} count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;
}

export function buildXlsx(sheets: readonly FixtureSheet[], sharedStrings?: readonly string[], extra: Zippable = {}): Uint8Array {
	const files: Zippable = {
		'[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
		'_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		'xl/workbook.xml': strToU8(workbookXml(sheets.map((s) => s.name))),
		'xl/_rels/workbook.xml.rels': strToU8(relsXml(sheets.length, !!sharedStrings)),
		'xl/styles.xml': strToU8('<styleSheet/>'),
		...Object.fromEntries(sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, strToU8(sheetXml(s.rows))])),
		...(sharedStrings ? { 'xl/sharedStrings.xml': strToU8(sharedStringsXml(sharedStrings)) } : {}),
		...extra
	};
	return zipSync(files);
}

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A row of cells: numbers as numbers, strings as inline strings. */
export function simpleRow(r: number, values: readonly (string | number)[]): string {
	const cells = values
		.map((v, c) => {
			const ref = `${String.fromCharCode(65 + c)}${r}`;
			return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
		})
		.join('');
	return `<row r="${r}">${cells}</row>`;
}

/**
 * The ZIP with one part's declared unpacked size overwritten, in its local header and in the
 * central directory, as a zip bomb does to get past a check of declared sizes.
 */
export function forgeDeclaredSize(zip: Uint8Array, part: string, size: number): Uint8Array {
	const out = zip.slice();
	const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
	const name = strToU8(part);
	const named = (at: number) => name.every((b, i) => out[at + i] === b);
	let forged = 0;
	for (let at = 0; at + 46 <= out.length; at++) {
		const sig = view.getUint32(at, true);
		if (sig === 0x04034b50 && view.getUint16(at + 26, true) === name.length && named(at + 30)) {
			view.setUint32(at + 22, size, true);
			forged++;
		} else if (sig === 0x02014b50 && view.getUint16(at + 28, true) === name.length && named(at + 46)) {
			view.setUint32(at + 24, size, true);
			forged++;
		}
	}
	if (forged !== 2) throw new Error(`forgeDeclaredSize: found ${forged} headers for ${part}, expected 2`);
	return out;
}
