import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from './tabs';

describe('tabKeyTarget', () => {
	it('moves with the arrows and wraps at both ends', () => {
		expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
		expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
		expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
		expect(tabKeyTarget('ArrowLeft', 2, 3)).toBe(1);
	});
	it('jumps to the ends with Home and End', () => {
		expect(tabKeyTarget('Home', 2, 3)).toBe(0);
		expect(tabKeyTarget('End', 0, 3)).toBe(2);
	});
	it('leaves every other key to the browser', () => {
		expect(tabKeyTarget('Tab', 1, 3)).toBeNull();
		expect(tabKeyTarget('ArrowDown', 1, 3)).toBeNull();
		expect(tabKeyTarget('Enter', 1, 3)).toBeNull();
	});
});
