/**
 * The tables the console may read but never change. The page passes these to `ConsoleView`:
 * every table in the data manifest (including lazily loaded ones, so an analyst cannot take a name
 * before the app loads it), the tables the app derives, and every uploaded dataset by prefix.
 */
import { STAGE_TABLE } from '$lib/queries/scoring';

export const APP_DERIVED_TABLES: readonly string[] = ['indicators_2010', 'indicators_2024', STAGE_TABLE];

/** `upload_<id>` datasets and the upload wizard's staging tables. */
export const PROTECTED_PREFIXES: readonly string[] = ['upload_'];

export function protectedTablesFor(manifest: { tables: readonly { name: string }[] } | null | undefined): string[] {
	return [...new Set([...(manifest?.tables.map((t) => t.name) ?? []), ...APP_DERIVED_TABLES])];
}
