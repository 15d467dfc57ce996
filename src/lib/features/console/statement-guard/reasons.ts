/** The reasons the guard gives, where more than one family of statements gives them. */

export const FILES_REASON = 'The console only queries the tables already loaded in this page: it cannot read files or web addresses, and nothing leaves the browser.';

export const SETTINGS_REASON = 'Settings cannot be changed from the console: SET, RESET and setting PRAGMAs could switch extension loading back on. The PRAGMAs allowed are table_info, show_tables and database_size.';

export const ALLOWED_SUMMARY = 'The console runs queries (SELECT, WITH, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) and CREATE, DROP, ALTER, INSERT, UPDATE or DELETE on your own tables and views.';

export function filesReason(detail: string): string {
	return `${detail}. ${FILES_REASON}`;
}
