/**
 * A minimal, non-validating XML tokenizer for the parts of an .xlsx we read. There is no DOMParser
 * in Node (where the tests run), and a DOM of a 200 MB sheet would not fit in a tab anyway, so
 * this streams over the text and calls back for each tag.
 *
 * It handles what Office writers produce: namespace prefixes (reported as local names), quoted
 * attributes that may contain `>`, self-closing tags, comments, processing instructions, CDATA
 * and a DOCTYPE (skipped). Only the five predefined entities and numeric references are decoded;
 * entities declared in a DOCTYPE are never expanded, so "billion laughs" files do nothing.
 */

export class XmlError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'XmlError';
	}
}

/**
 * Where a tag's attribute text lies in the document. The scanner reuses one of these for every tag
 * (a 200 MB sheet has tens of millions), so read it with `attr` during `open` and do not keep it.
 */
export interface AttrSpan {
	xml: string;
	start: number;
	end: number;
}

export interface XmlHandler {
	/** Text (and CDATA) is only sliced out and passed to `text` while this is true. */
	capture: boolean;
	/** `name` is the local name (prefix removed); read attributes with `attr(attrs, …)`. */
	open(name: string, attrs: AttrSpan, selfClosing: boolean): void;
	close(name: string): void;
	/** Raw text: entities are still encoded unless `cdata` is true. */
	text(raw: string, cdata: boolean): void;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function localName(qname: string): string {
	const colon = qname.indexOf(':');
	return colon === -1 ? qname : qname.slice(colon + 1);
}

export function scanXml(xml: string, handler: XmlHandler): void {
	const n = xml.length;
	const span: AttrSpan = { xml, start: 0, end: 0 };
	let i = 0;
	while (i < n) {
		const lt = xml.indexOf('<', i);
		const end = lt === -1 ? n : lt;
		if (end > i && handler.capture) handler.text(xml.slice(i, end), false);
		if (lt === -1) return;
		const next = xml.charCodeAt(lt + 1);
		if (next === 0x21 /* ! */) {
			if (xml.startsWith('<!--', lt)) {
				i = after(xml, '-->', lt + 4);
			} else if (xml.startsWith('<![CDATA[', lt)) {
				const close = xml.indexOf(']]>', lt + 9);
				if (close === -1) throw new XmlError('unterminated CDATA section');
				if (handler.capture) handler.text(xml.slice(lt + 9, close), true);
				i = close + 3;
			} else {
				i = skipDeclaration(xml, lt);
			}
			continue;
		}
		if (next === 0x3f /* ? */) {
			i = after(xml, '?>', lt + 2);
			continue;
		}
		// The tag ends at the first '>' outside a quoted attribute value.
		let j = lt + 1;
		let quote = 0;
		for (; j < n; j++) {
			const c = xml.charCodeAt(j);
			if (quote) {
				if (c === quote) quote = 0;
			} else if (c === 0x22 || c === 0x27) {
				quote = c;
			} else if (c === 0x3e) {
				break;
			}
		}
		if (j >= n) throw new XmlError('unterminated tag');
		if (next === 0x2f /* / */) {
			const raw = xml.slice(lt + 2, j);
			handler.close(localName(isSpace(raw.charCodeAt(raw.length - 1)) ? raw.trim() : raw));
		} else {
			const selfClosing = xml.charCodeAt(j - 1) === 0x2f;
			const stop = selfClosing ? j - 1 : j;
			let k = lt + 1;
			while (k < stop && !isSpace(xml.charCodeAt(k))) k++;
			if (k === lt + 1) throw new XmlError('a tag without a name');
			span.start = k;
			span.end = stop;
			handler.open(localName(xml.slice(lt + 1, k)), span, selfClosing);
		}
		i = j + 1;
	}
}

function after(xml: string, terminator: string, from: number): number {
	const at = xml.indexOf(terminator, from);
	if (at === -1) throw new XmlError(`missing "${terminator}"`);
	return at + terminator.length;
}

/** `<!DOCTYPE …>` may carry an internal subset in brackets, which can itself contain '>'. */
function skipDeclaration(xml: string, from: number): number {
	let depth = 0;
	let quote = 0;
	for (let j = from + 2; j < xml.length; j++) {
		const c = xml.charCodeAt(j);
		if (quote) {
			if (c === quote) quote = 0;
		} else if (c === 0x22 || c === 0x27) quote = c;
		else if (c === 0x5b) depth++;
		else if (c === 0x5d) depth--;
		else if (c === 0x3e && depth <= 0) return j + 1;
	}
	throw new XmlError('unterminated declaration');
}

/**
 * The decoded value of one attribute, or null when absent.
 * With `anyPrefix`, `id` also matches `r:id` (the relationship id on a workbook's `<sheet>`).
 */
export function attr(attrs: AttrSpan, name: string, anyPrefix = false): string | null {
	const at = attrValueStart(attrs, name, anyPrefix);
	if (at === -1) return null;
	const close = attrs.xml.indexOf(attrs.xml[at - 1], at);
	return decodeEntities(attrs.xml.slice(at, close));
}

/** Index of the first character of an attribute's value (after its opening quote), or -1. */
export function attrValueStart(attrs: AttrSpan, name: string, anyPrefix = false): number {
	const { xml, end } = attrs;
	let i = attrs.start;
	while (i < end) {
		while (i < end && isSpace(xml.charCodeAt(i))) i++;
		const start = i;
		while (i < end && xml.charCodeAt(i) !== 0x3d /* = */ && !isSpace(xml.charCodeAt(i))) i++;
		const nameEnd = i;
		while (i < end && isSpace(xml.charCodeAt(i))) i++;
		if (i >= end || xml.charCodeAt(i) !== 0x3d) return -1; // malformed: stop rather than guess
		i++;
		while (i < end && isSpace(xml.charCodeAt(i))) i++;
		const quote = xml.charCodeAt(i);
		if (quote !== 0x22 && quote !== 0x27) return -1;
		const close = xml.indexOf(quote === 0x22 ? '"' : "'", i + 1);
		if (close === -1 || close >= end) return -1;
		if (nameMatches(xml, start, nameEnd, name, anyPrefix)) return i + 1;
		i = close + 1;
	}
	return -1;
}

function nameMatches(xml: string, start: number, end: number, name: string, anyPrefix: boolean): boolean {
	const len = end - start;
	if (len === name.length) return xml.startsWith(name, start);
	return anyPrefix && len > name.length + 1 && xml.charCodeAt(end - name.length - 1) === 0x3a && xml.startsWith(name, end - name.length);
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

/** Decodes the predefined entities and numeric character references; anything else stays as written. */
export function decodeEntities(text: string): string {
	if (text.indexOf('&') === -1) return text;
	return text.replace(ENTITY, (_, body: string) => {
		if (body.charCodeAt(0) !== 0x23 /* # */) return NAMED[body];
		const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
		const code = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
		return valid ? String.fromCodePoint(code) : '\ufffd';
	});
}

/**
 * OOXML escapes characters XML cannot hold as `_xHHHH_` (Excel writes a carriage return in a
 * cell as `_x000D_`); a literal `_x…_` typed by the user is written with its `_` escaped as `_x005F_`.
 */
export function decodeOoxmlEscapes(text: string): string {
	if (text.indexOf('_x') === -1) return text;
	return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
