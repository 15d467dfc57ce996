import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FIXTURE as REF } from '../../../../../tests/fixtures/upload';
import { detectUploadFormat, stageFile } from '../stage/formats';
import { columnOfReference, readSharedStrings, readXlsx, xlsxSheetToCsv } from './spreadsheet';
import type { UploadErrorCode, UploadResult } from '../types';
import { buildXlsx, forgeDeclaredSize, simpleRow } from '../../../../../tests/fixtures/xlsx';
import { attr, decodeEntities, decodeOoxmlEscapes, scanXml } from './xml';

const value = <T>(r: UploadResult<T>): T => {
	if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
	return r.value;
};
const refused = <T>(r: UploadResult<T>, code: UploadErrorCode, message: RegExp) => {
	expect(r.ok).toBe(false);
	expect(r).not.toHaveProperty('value');
	if (r.ok) return;
	expect(r.error.kind).toBe('upload-error');
	expect(r.error.code).toBe(code);
	expect(r.error.message).toMatch(message);
	return r.error;
};
const asFile = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });

const STRINGS = [
	'<si><t>ons_id</t></si>', // 0
	'<si><t>Name</t></si>', // 1
	'<si><t>Tom &amp; Jerry &lt;3 &#233;&#xE9;</t></si>', // 2
	// Rich text in runs, with a phonetic hint that is not part of the text.
	'<si><r><rPr><b/></rPr><t>Ynys </t></r><r><t xml:space="preserve">Môn</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>', // 3
	'<si><t>0123</t></si>', // 4
	'<si><t>Smith, "Jo"</t></si>', // 5
	'<si><t>line one_x000D__x000A_line two</t></si>', // 6
	'<si/>', // 7
	'<si><t>code</t></si>' // 8
];

// Column A is empty everywhere (trimmed); row 1 is blank (the header is the first non-empty row).
const MEMBERS_ROWS = [
	'<row r="1" spans="1:6"><c r="A1" s="1"/></row>',
	'<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>members</t></is></c><c r="E2" t="inlineStr"><is><t>active</t></is></c><c r="F2" t="inlineStr"><is><t>total</t></is></c><c r="G2" t="inlineStr"><is><t>ward</t></is></c></row>',
	// A gap at D3 (missing cell), a boolean, a formula with its cached value, a leading-zero text code.
	'<row r="3"><c r="B3" t="s"><v>8</v></c><c r="C3" t="s"><v>2</v></c><c r="E3" t="b"><v>1</v></c><c r="F3"><f>SUM(1,2)</f><v>3</v></c><c r="G3" t="s"><v>4</v></c></row>',
	// An inline string key, rich text, a formula string, an error cell, a number as written.
	'<row r="4"><c r="B4" t="inlineStr"><is><t>E14000733</t></is></c><c r="C4" t="s"><v>3</v></c><c r="D4"><v>1.5</v></c><c r="E4" t="b"><v>0</v></c><c r="F4" t="str"><f>A1&amp;"x"</f><v>a&amp;x</v></c><c r="G4" t="e"><v>#N/A</v></c></row>',
	'<row r="5"/>',
	// Cells without references follow on from the last one; quotes, commas and line breaks get quoted.
	'<row r="6"><c r="B6" t="inlineStr"><is><t>E14000642</t></is></c><c t="s"><v>5</v></c><c><v>12</v></c><c t="s"><v>7</v></c><c t="s"><v>6</v></c></row>'
].join('');

const NOTES = { name: 'Notes', rows: '' };
const MEMBERS = { name: 'Members & Co', rows: MEMBERS_ROWS };

const EXPECTED_CSV = ['ons_id,Name,members,active,total,ward', 'code,Tom & Jerry <3 éé,,TRUE,3,0123', 'E14000733,Ynys Môn,1.5,FALSE,a&x,', 'E14000642,"Smith, ""Jo""",12,,"line one\r\nline two",', ''].join('\n');

describe('the XML reader', () => {
	it('decodes the predefined entities and character references, and nothing else', () => {
		expect(decodeEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#X43;')).toBe('a & b <c> "d" \'e\' ABC');
		expect(decodeEntities('&amp;lt;')).toBe('&lt;');
		expect(decodeEntities('&nbsp; &lol; & ;')).toBe('&nbsp; &lol; & ;');
		expect(decodeEntities('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
		expect(decodeEntities('&#x1F600;')).toBe('😀');
		expect(decodeOoxmlEscapes('a_x000D_b _x005F_x0041_')).toBe('a\rb _x0041_');
	});

	it('reads attributes with either quote, prefixes and a ">" inside a value', () => {
		const seen: [string, string | null, string | null, boolean][] = [];
		scanXml(`<?xml version="1.0"?><!-- <sheet name="comment"/> --><x:sheets><x:sheet name='a > b' r:id="rId7"/><sheet name="x&amp;y" id="no"></sheet></x:sheets>`, {
			capture: false,
			open: (name, attrs, selfClosing) => seen.push([name, attr(attrs, 'name'), attr(attrs, 'id', true), selfClosing]),
			close: () => {},
			text: () => {}
		});
		expect(seen).toEqual([
			['sheets', null, null, false],
			['sheet', 'a > b', 'rId7', true],
			['sheet', 'x&y', 'no', false]
		]);
	});

	it('skips a DOCTYPE without expanding its entities, and reads CDATA as is', () => {
		const xml = '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><sst><si><t>&lol2;</t></si><si><t><![CDATA[a & <b>]]></t></si></sst>';
		expect(readSharedStrings(xml)).toEqual(['&lol2;', 'a & <b>']);
	});

	it('turns cell references into columns', () => {
		expect([columnOfReference('A1'), columnOfReference('b7'), columnOfReference('Z9'), columnOfReference('AA1'), columnOfReference('XFD1048576')]).toEqual([0, 1, 25, 26, 16383]);
		expect(columnOfReference('XFE1')).toBeNull();
		expect(columnOfReference('12')).toBeNull();
	});
});

describe('readXlsx and xlsxSheetToCsv', () => {
	const book = buildXlsx([NOTES, MEMBERS], STRINGS);

	it('lists the sheets in workbook order', () => {
		expect(value(readXlsx(book))).toEqual({ sheets: ['Notes', 'Members & Co'] });
	});

	it('turns a sheet into RFC 4180 CSV: shared, rich and inline strings, gaps, booleans, formulas, errors, leading zeros', () => {
		expect(value(xlsxSheetToCsv(book, 'Members & Co'))).toBe(EXPECTED_CSV);
	});

	it('an empty sheet and an unknown sheet are refused by name', () => {
		refused(xlsxSheetToCsv(book, 'Notes'), 'empty-file', /"Notes" is empty/);
		refused(xlsxSheetToCsv(book, 'Nope'), 'unexpected', /no sheet called "Nope".*"Notes", "Members & Co"/);
	});

	it('works without shared strings, and leaves chart sheets out', () => {
		const rows = simpleRow(1, ['code', 'value']) + simpleRow(2, ['E14000733', 7]);
		const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
		const withChart = zipSync({
			'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Chart" sheetId="2" r:id="rId2"/><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'),
			'xl/_rels/workbook.xml.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`),
			'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
			'xl/chartsheets/sheet1.xml': strToU8('<chartsheet/>')
		});
		expect(value(readXlsx(withChart)).sheets).toEqual(['Data']);
		expect(value(xlsxSheetToCsv(withChart, 'Data'))).toBe('code,value\nE14000733,7\n');
	});

	it('feeds the existing pipeline: the first sheet with data is chosen and leading zeros stay text', async () => {
		const staged = await stageFile(asFile('members.xlsx', book), REF);
		expect(staged.format).toBe('xlsx');
		expect(staged.sheets).toEqual(['Notes', 'Members & Co']);
		expect(staged.sheet).toBe('Members & Co');
		const prepared = value(staged.result);
		expect(prepared.fileName).toBe('members.xlsx');
		expect(prepared.table.header).toEqual(['ons_id', 'Name', 'members', 'active', 'total', 'ward']);
		expect(prepared.table.rowCount).toBe(3);
		expect(prepared.columns.find((c) => c.name === 'ward')?.type).toBe('text');
		expect(prepared.keys[0]).toMatchObject({ column: 'ons_id', kind: 'gss-2010' });
		expect(prepared.match?.matched.map((m) => m.code).sort()).toEqual(['E14000642', 'E14000733']);
	});

	it('reads the chosen sheet, and reports a sheet without a key as that sheet’s problem', async () => {
		const notes = { name: 'Notes', rows: simpleRow(1, ['About this file']) + simpleRow(2, ['Made by the field team']) };
		const two = buildXlsx([notes, MEMBERS], STRINGS);
		const first = await stageFile(asFile('two.xlsx', two), REF);
		expect(first.sheet).toBe('Notes');
		expect(first.sheets).toEqual(['Notes', 'Members & Co']);
		expect(first.result.ok).toBe(false);
		const second = await stageFile(asFile('two.xlsx', two), REF, { sheet: 'Members & Co' });
		expect(second.sheet).toBe('Members & Co');
		expect(value(second.result).table.rowCount).toBe(3);
	});

	it('a workbook saved with a .csv name is still read as a workbook', async () => {
		expect(detectUploadFormat('members.csv', book.subarray(0, 8))).toBe('xlsx');
		expect(value((await stageFile(asFile('members.csv', book), REF)).result).table.rowCount).toBe(3);
	});
});

describe('bad workbooks get a clear typed message', () => {
	const rows = simpleRow(1, ['code', 'value']) + [2, 3, 4, 5].map((r) => simpleRow(r, ['E14000733', r])).join('');
	const book = buildXlsx([{ name: 'Data', rows }]);

	it('not a ZIP at all', () => {
		refused(readXlsx(strToU8('code,value\nE14000733,1\n')), 'binary', /not an Excel workbook \(\.xlsx\)/);
		refused(readXlsx(new Uint8Array()), 'binary', /not an Excel workbook \(\.xlsx\)/);
	});

	it('a damaged ZIP', () => {
		refused(readXlsx(book.subarray(0, Math.floor(book.length / 2))), 'binary', /not an Excel workbook \(\.xlsx\)/);
	});

	it('a ZIP that is not a workbook', () => {
		refused(readXlsx(zipSync({ 'members.csv': strToU8('a,b\n') })), 'binary', /not an Excel workbook \(\.xlsx\).*ZIP archive.*unzip it first/);
		refused(readXlsx(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') })), 'binary', /OpenDocument/);
	});

	it('an old .xls (OLE2) says to save as .xlsx or CSV', async () => {
		const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
		const error = refused(readXlsx(xls), 'binary', /old-style Excel workbook \(\.xls\).*save it as .*\.xlsx.*CSV UTF-8/);
		expect(error).toMatchObject({ format: 'xls' });
		refused((await stageFile(asFile('old.xls', xls), REF)).result, 'binary', /\.xls/);
	});

	it('a sheet that is not well-formed XML', () => {
		const broken = buildXlsx([{ name: 'Data', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row><row r="2"><c r="A2' }]);
		refused(xlsxSheetToCsv(broken, 'Data'), 'binary', /damaged.*"Data"/);
	});

	it('a zip bomb is refused from its declared sizes, before inflating', () => {
		// 50 MB of spaces deflate to about 50 kB.
		const padding = `<row r="9"><c r="A9" t="inlineStr"><is><t>${' '.repeat(50_000_000)}</t></is></c></row>`;
		const bomb = buildXlsx([{ name: 'Data', rows: rows + padding }]);
		expect(bomb.length).toBeLessThan(1_000_000);
		const error = refused(xlsxSheetToCsv(bomb, 'Data', { maxSheetBytes: 10_000_000 }), 'too-large', /unpacks to 50 MB of XML; the limit for one sheet is 10 MB/);
		expect(error).toMatchObject({ limit: 10_000_000 });
		refused(xlsxSheetToCsv(bomb, 'Data', { maxUnpackedBytes: 20_000_000 }), 'too-large', /unpacking 50 MB; the limit is 20 MB/);
		refused(xlsxSheetToCsv(book, 'Data', { maxSheetBytes: 100 }), 'too-large', /limit for one sheet is 100 bytes/);
	});

	describe('a zip bomb with forged sizes is refused as damaged, never read as an empty or cut-short sheet', () => {
		// 5 MB of spaces deflate to about 5 kB; the forged headers declare far less.
		const padding = `<row r="9"><c r="A9" t="inlineStr"><is><t>${' '.repeat(5_000_000)}</t></is></c></row>`;
		const bomb = buildXlsx([{ name: 'Data', rows: rows + padding }]);
		const SHEET = 'xl/worksheets/sheet1.xml';
		const ADVICE = 'Nothing was imported. Open it in Excel and save it again, or save the sheet as "CSV UTF-8" and upload that.';

		it('expanding past the limit: stopped there, and the limit named', () => {
			const forged = forgeDeclaredSize(bomb, SHEET, 0);
			const error = refused(xlsxSheetToCsv(forged, 'Data', { maxSheetBytes: 1_000_000 }), 'binary', /zip bomb/);
			expect(error?.message).toBe(`This Excel workbook (.xlsx) is damaged or deliberately inflated (a zip bomb): the sheet "Data" declares 0 bytes unpacked, but its compressed data expands to more than 1 MB, the limit for one sheet, so it was not read. ${ADVICE}`);
		});

		it('expanding past its declared size within the limit: the two sizes stated', async () => {
			const forged = forgeDeclaredSize(bomb, SHEET, 1000);
			const expected = `This Excel workbook (.xlsx) is damaged: the sheet "Data" declares 1 kB unpacked, but its compressed data expands to 5 MB, so it was not read. ${ADVICE}`;
			expect(refused(xlsxSheetToCsv(forged, 'Data'), 'binary', /damaged/)?.message).toBe(expected);
			// Through the wizard: reported for that sheet, not passed over as an empty one.
			const staged = await stageFile(asFile('bomb.xlsx', forgeDeclaredSize(bomb, SHEET, 0)), REF);
			expect(staged.sheet).toBe('Data');
			refused(staged.result, 'binary', /^This Excel workbook \(\.xlsx\) is damaged: the sheet "Data" declares 0 bytes unpacked, but its compressed data expands to 5 MB/);
		});

		it('declaring more than it holds, and forged sizes in the other parts', () => {
			const sheetBytes = sheetXmlLength(book);
			const over = forgeDeclaredSize(book, SHEET, sheetBytes + 1);
			expect(refused(xlsxSheetToCsv(over, 'Data'), 'binary', /damaged/)?.message).toBe(
				`This Excel workbook (.xlsx) is damaged: the sheet "Data" declares ${(sheetBytes + 1).toLocaleString('en-GB')} bytes unpacked, but its compressed data expands to ${sheetBytes.toLocaleString('en-GB')} bytes, so it was not read. ${ADVICE}`
			);
			refused(readXlsx(forgeDeclaredSize(book, 'xl/workbook.xml', 0)), 'binary', /^This Excel workbook \(\.xlsx\) is damaged: its list of sheets \(xl\/workbook\.xml\) declares 0 bytes unpacked, but its compressed data expands to \d+ bytes/);
			const withStrings = buildXlsx([{ name: 'Data', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], ['<si><t>code</t></si>']);
			refused(xlsxSheetToCsv(forgeDeclaredSize(withStrings, 'xl/sharedStrings.xml', 3), 'Data'), 'binary', /its shared strings \(xl\/sharedStrings\.xml\) declares 3 bytes unpacked/);
		});

		it('damaged compressed data is named as such', () => {
			const broken = book.slice();
			const at = findLocalData(broken, SHEET);
			broken.fill(0xff, at, at + 8);
			refused(xlsxSheetToCsv(broken, 'Data'), 'binary', /^This Excel workbook \(\.xlsx\) is damaged: the compressed data of the sheet "Data" cannot be unpacked \(it is not valid DEFLATE data\)\. Nothing was imported\./);
		});
	});

	describe('formulas without saved values', () => {
		const header = simpleRow(1, ['code', 'members', 'note']);
		const key = (r: number, code: string) => `<c r="A${r}" t="inlineStr"><is><t>${code}</t></is></c>`;
		// As generators that do not calculate write them: no <v>, an empty <v/>, and a shared formula.
		const uncalculated =
			header +
			`<row r="2">${key(2, 'E14000733')}<c r="B2"><f t="shared" ref="B2:B3" si="0">10*2</f></c><c r="C2" t="str"><f>""</f><v></v></c></row>` +
			`<row r="3">${key(3, 'E14000642')}<c r="B3"><f t="shared" si="0"/><v/></c></row>` +
			`<row r="4">${key(4, 'E14000530')}<c r="B4"><v>7</v></c></row>`;
		const book = buildXlsx([{ name: 'Members', rows: uncalculated }]);

		it('are refused, naming the first such cell and how to get the values saved', async () => {
			const expected =
				'In the sheet "Members", 2 cells (the first is B2) are formulas without a saved value: the program that wrote this file did not calculate them, so there are no values to read. Open the file in Excel or LibreOffice and save it, which calculates and saves the values, or export the sheet as "CSV UTF-8", then upload it again. Nothing was imported.';
			const error = refused(xlsxSheetToCsv(book, 'Members'), 'uncalculated-formulas', /formulas without a saved value/);
			expect(error?.message).toBe(expected);
			expect(error).toMatchObject({ cells: 2 });
			const staged = await stageFile(asFile('generated.xlsx', book), REF);
			expect(staged.sheet).toBe('Members');
			expect(refused(staged.result, 'uncalculated-formulas', /B2/)?.message).toBe(expected);
		});

		it('one such cell is named alone; a sheet of nothing but formulas is not called empty', () => {
			const one = buildXlsx([{ name: 'S', rows: header + `<row r="5">${key(5, 'E14000733')}<c r="AB5"><f>1+1</f></c></row>` }]);
			refused(xlsxSheetToCsv(one, 'S'), 'uncalculated-formulas', /^In the sheet "S", 1 cell \(AB5\) is a formula without a saved value:/);
			const only = buildXlsx([{ name: 'S', rows: '<row r="1"><c r="A1"><f>1+1</f></c></row>' }]);
			refused(xlsxSheetToCsv(only, 'S'), 'uncalculated-formulas', /1 cell \(A1\) is a formula without a saved value/);
		});

		it('formulas with saved values, and an empty text result, are read as before', () => {
			const calculated = header + `<row r="2">${key(2, 'E14000733')}<c r="B2"><f>10*2</f><v>20</v></c><c r="C2" t="str"><f>""</f><v></v></c></row>`;
			expect(value(xlsxSheetToCsv(buildXlsx([{ name: 'S', rows: calculated }]), 'S'))).toBe('code,members,note\nE14000733,20,\n');
		});
	});

	it('too many rows or columns', () => {
		refused(xlsxSheetToCsv(book, 'Data', { maxRows: 3 }), 'too-many-rows', /more than 3 data rows/);
		expect(value(xlsxSheetToCsv(book, 'Data', { maxRows: 4 })).split('\n')).toHaveLength(6);
		const wide = buildXlsx([{ name: 'Wide', rows: '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>' }]);
		refused(xlsxSheetToCsv(wide, 'Wide'), 'too-many-columns', /16,384 columns; the limit is 2,000/);
	});
});

/** The unpacked length of the first sheet's XML in a workbook built by `buildXlsx`. */
function sheetXmlLength(book: Uint8Array): number {
	return unzipSync(book, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml'].length;
}

/** Where a part's compressed data starts, from its local header. */
function findLocalData(zip: Uint8Array, part: string): number {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const name = strToU8(part);
	for (let at = 0; at + 30 <= zip.length; at++) {
		if (view.getUint32(at, true) === 0x04034b50 && view.getUint16(at + 26, true) === name.length && name.every((b, i) => zip[at + 30 + i] === b)) {
			return at + 30 + name.length + view.getUint16(at + 28, true);
		}
	}
	throw new Error(`no local header for ${part}`);
}
