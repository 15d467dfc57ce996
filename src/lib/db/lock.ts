/**
 * The engine lock. Every engine (browser worker, native Node, DuckDB-wasm in Node) runs these
 * statements once at start, before any data is loaded: DuckDB may then read and write only the
 * files the app registered itself, in one folder per engine, and may not reach any URL, load any
 * extension or change its settings again. This is the security boundary for SQL: the console's
 * statement guard only gives friendlier messages in front of it.
 *
 * The order matters. `allowed_directories` must be set while external access is still on;
 * `enable_external_access = false` cannot be switched back on while the database runs; and
 * `lock_configuration` makes every other setting (temp directory, extension repository, search
 * path…) read-only too.
 */

/** Settings every engine gets first: an extension must never be fetched or loaded implicitly. */
const SAFE_SETTINGS_SQL = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];

/** A SQL string literal. Kept here because `src/lib/db/` sits below the query builders. */
const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The statements that lock an engine to `directories` (absolute folders, each ending in `/`) and,
 * optionally, to single `files` besides (absolute paths): the aggregate CLI names exactly the
 * input files and its output, so SQL it is given cannot read their neighbours.
 */
export function lockEngineSql(directories: readonly string[], files: readonly string[] = []): string[] {
	if (!directories.length) throw new Error('An engine needs at least one folder for its own files');
	for (const dir of directories) {
		if (!dir.startsWith('/') || !dir.endsWith('/') || dir.split('/').includes('..')) throw new Error(`Not an absolute folder path ending in "/": ${dir}`);
	}
	for (const file of files) {
		if (!file.startsWith('/') || file.endsWith('/') || file.split('/').includes('..')) throw new Error(`Not an absolute file path: ${file}`);
	}
	const paths = files.length ? [`SET allowed_paths = [${files.map(sqlString).join(', ')}]`] : [];
	return [...SAFE_SETTINGS_SQL, `SET allowed_directories = [${directories.map(sqlString).join(', ')}]`, ...paths, 'SET enable_external_access = false', 'SET lock_configuration = true'];
}

/** Registered file names are plain file names: no folders, so a name cannot climb out of its folder. */
export function registeredPath(dir: string, name: string): string {
	if (!/^[\w.-]+$/.test(name) || /^\.+$/.test(name)) throw new Error(`Invalid registered file name: ${name}`);
	return `${dir}${name}`;
}

/**
 * The folder DuckDB-wasm's registered files live under. It exists only inside the engine: a
 * registered buffer is found by its full name, and this prefix is what `allowed_directories` allows.
 */
export const WASM_FILES_DIR = '/heartlands/';
