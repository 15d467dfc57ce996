/**
 * File names carry the user's local date. Run under a fixed zone (Europe/London, UTC+1 in summer)
 * so the UTC-midnight boundary is tested the same way on every machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from './download';

let savedTz: string | undefined;
beforeAll(() => {
	savedTz = process.env.TZ;
	process.env.TZ = 'Europe/London';
});
afterAll(() => {
	if (savedTz === undefined) delete process.env.TZ;
	else process.env.TZ = savedTz;
});

describe('isoDate', () => {
	it('writes a local ISO date', () => {
		expect(isoDate(new Date(2024, 6, 5))).toBe('2024-07-05');
	});

	it('is the local day just after midnight in summer time, when UTC is still on the day before', () => {
		const justAfterMidnight = new Date('2025-07-01T23:30:00Z'); // 00:30 on 2 July in London
		expect(justAfterMidnight.getTimezoneOffset()).toBe(-60); // the zone is in force
		expect(isoDate(justAfterMidnight)).toBe('2025-07-02');
	});

	it('is the same day either side of UTC midnight in winter, when London is on UTC', () => {
		expect(isoDate(new Date('2025-01-01T23:59:00Z'))).toBe('2025-01-01');
		expect(isoDate(new Date('2025-01-02T00:01:00Z'))).toBe('2025-01-02');
	});
});
