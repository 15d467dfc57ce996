import { describe, expect, it } from 'vitest';
import { quarantineKey, readLocal, writeLocal } from './local-versioned';

function memoryStorage(): Storage {
	const map = new Map<string, string>();
	return {
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, String(v)),
		removeItem: (k: string) => void map.delete(k),
		clear: () => map.clear(),
		key: (i: number) => [...map.keys()][i] ?? null,
		get length() {
			return map.size;
		}
	};
}
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

describe('versioned localStorage values', () => {
	it('writes the current format and reads it back', () => {
		const s = memoryStorage();
		writeLocal(s, 'k', ['a', 'b']);
		expect(JSON.parse(s.getItem('k')!)).toEqual({ schemaVersion: 1, value: ['a', 'b'] });
		expect(readLocal(s, 'k', 'things', strings, [])).toEqual({ value: ['a', 'b'], setAside: null });
	});

	it('reads format 0 (a bare value) and an absent key', () => {
		const s = memoryStorage();
		s.setItem('k', '["old"]');
		expect(readLocal(s, 'k', 'things', strings, [])).toEqual({ value: ['old'], setAside: null });
		expect(readLocal(s, 'missing', 'things', strings, ['default'])).toEqual({ value: ['default'], setAside: null });
	});

	it('moves damaged and newer values to quarantine, naming them', () => {
		const s = memoryStorage();
		for (const [text, reason] of [
			['{not json', 'it is not readable (damaged data)'],
			['{"schemaVersion": 7, "value": []}', 'it was saved by a newer version of Heartlands (format 7; this version reads up to 1)'],
			['{"schemaVersion": "x"}', 'its format version is not a number (damaged data)']
		]) {
			s.setItem('k', text);
			expect(readLocal(s, 'k', 'pinned seats', strings, [])).toEqual({ value: [], setAside: { what: 'pinned seats', reason } });
			expect(s.getItem('k')).toBeNull();
			expect(s.getItem(quarantineKey('k'))).toBe(text);
		}
	});

	it('never throws when storage itself throws', () => {
		const throwing = {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			}
		} as unknown as Storage;
		expect(readLocal(throwing, 'k', 'x', strings, [])).toEqual({ value: [], setAside: null });
		expect(readLocal(null, 'k', 'x', strings, [])).toEqual({ value: [], setAside: null });
	});
});
