import { describe, expect, it } from 'vitest';
import { stageFile } from './formats';
import { REFERENCE_FIXTURE, utf8 } from '../../../../../tests/fixtures/upload';
import { packStaged, unpackStaged } from './staged-transfer';
import { cellsToArray } from '../read/text-column';

const fileOf = (name: string, text: string) => ({ name, size: text.length, arrayBuffer: async () => utf8(text).buffer as ArrayBuffer });

describe('staged file transfer (worker → page)', () => {
	it('carries the table through a structured clone unchanged, with the text sent once', async () => {
		const staged = await stageFile(fileOf('m.csv', 'code,"quoted ""x""",value\nE14000733,"a,b",1\nE14000642,c,2\n'), REFERENCE_FIXTURE);
		expect(staged.result.ok).toBe(true);
		const { message, transfer } = packStaged(staged);
		expect(transfer.length).toBe(7); // starts and ends of three columns, and the rows' seats
		expect(message.rowCodes?.codes).toEqual(['E14000733', 'E14000642']);
		const received = unpackStaged(structuredClone(message, { transfer }));
		if (!received.result.ok || !staged.result.ok) throw new Error('not ok');
		const before = staged.result.value.table.columns.map(cellsToArray);
		expect(received.result.value.table.columns.map(cellsToArray)).toEqual(before);
		expect(before[1]).toEqual(['a,b', 'c']);
		expect({ ...received.result.value, table: null }).toEqual({ ...staged.result.value, table: null });
		expect(received.result.value.table.header).toEqual(staged.result.value.table.header);
	});

	it('passes a failed stage through', async () => {
		const staged = await stageFile(fileOf('empty.csv', ''), REFERENCE_FIXTURE);
		expect(staged.result.ok).toBe(false);
		const { message } = packStaged(staged);
		expect(unpackStaged(structuredClone(message))).toEqual(staged);
	});
});
