import { describe, expect, it } from 'vitest';
import { defaultDefinition } from '$lib/model/lenses';
import { holderLabel } from '$lib/model/parties';
import { describePriority } from './formula-text';

describe('describePriority', () => {
	const definition = defaultDefinition('2015-ukip');
	it('says what ranks the eligible seats: the two scores, or P(loss) under the scenario', () => {
		expect(describePriority(definition, holderLabel)).toBe("Priority is the geometric mean of the two scores' percentile ranks (0–1), for seats held by Labour. Other seats get no priority.");
		expect(describePriority(definition, holderLabel, { baseYear: 2015, spec: 'no-change' })).toBe('Priority is P(loss), the chance (0–1) that the holder loses the seat, from the 2015 election under no change, for seats held by Labour. Other seats get no priority.');
		expect(describePriority(definition, holderLabel, { baseYear: 2015, spec: 'result:2019' })).toContain('under the real result of 2019');
		expect(describePriority(defaultDefinition('2024-reform'), holderLabel, { baseYear: 2019, spec: 'lab=30,ruk=25', notional: true })).toContain('from the 2019 (notional) election under the national shares lab=30,ruk=25');
	});
});
