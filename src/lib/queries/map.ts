/**
 * SQL for the map: one indicator column of a boundary set's wide table, keyed by seat code.
 * The column name comes from the catalogue but still goes through `ident()`, so a hostile id (an
 * uploaded column, say) can never break out of the quoted identifier.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import { indicatorTable } from './indicators';
import { ident } from './sql';

/** `code`, `value` for every seat of the set (value NULL where the indicator has none). */
export function mapIndicatorValues(set: BoundarySet, indicatorId: string): string {
	return `SELECT code, ${ident(indicatorId)}::DOUBLE AS value FROM ${ident(indicatorTable(set))} ORDER BY code`;
}
