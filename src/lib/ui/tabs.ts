/**
 * Keyboard movement in a WAI-ARIA tab list with automatic activation: the arrows move to the
 * next or previous tab and wrap at the ends, Home and End jump to the first and last. Any other
 * key is not the tab list's (null), so the browser keeps it.
 */
export function tabKeyTarget(key: string, index: number, count: number): number | null {
	if (key === 'ArrowRight') return (index + 1) % count;
	if (key === 'ArrowLeft') return (index - 1 + count) % count;
	if (key === 'Home') return 0;
	if (key === 'End') return count - 1;
	return null;
}
