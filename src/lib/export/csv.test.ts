import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csv', () => {
	it('neutralises spreadsheet formulas in text but keeps negative numbers numeric', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+44')).toBe("'+44");
		expect(csvCell('-1')).toBe("'-1");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell(-1.5)).toBe('-1.5');
	});
	it('quotes commas, quotes and newlines; blanks nulls and non-finite numbers', () => {
		expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [null, NaN], ['line\nbreak', true]])).toBe('a,b\n"x,y","say ""hi"""\n,\n"line\nbreak",true\n');
	});
});
