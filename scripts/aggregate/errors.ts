/**
 * One line for an engine's error about the input: the file, the line where the engine knows it,
 * the column and the reason. DuckDB's CSV errors are many lines (the sniffer's settings, hints);
 * an analyst needs the four facts, so they are picked out and the rest dropped.
 */
export function inputErrorLine(message: string, files: readonly string[]): string {
	const text = String(message);
	const line = /CSV Error on Line:\s*(\d+)/i.exec(text)?.[1] ?? /line[: ]+(\d+)/i.exec(text)?.[1];
	const file = /^\s*file = (.+)$/m.exec(text)?.[1]?.trim() ?? files.find((f) => text.includes(f)) ?? (files.length === 1 ? files[0] : undefined);
	const column = /converting column "([^"]+)"/.exec(text)?.[1] ?? /Column (\S+) is being converted/.exec(text)?.[1] ?? /column "([^"]+)"/i.exec(text)?.[1];
	const reason =
		/Could not convert string .*? to '?[A-Z]+'?/.exec(text)?.[0] ??
		/Expected Number of Columns: \d+ Found: \d+/.exec(text)?.[0] ??
		text
			.split('\n')
			.find((l) => l.trim() && !/^CSV Error on Line/i.test(l))
			?.trim()
			.replace(/^[A-Za-z ]+ Error: /, '') ??
		'unreadable';
	const where = [file ? `in ${file}` : null, line ? `line ${line}` : null, column ? `column "${column}"` : null].filter(Boolean).join(', ');
	return `Bad input${where ? ` ${where}` : ''}: ${reason}.`.replace(/\.\.$/, '.');
}

/** Was this error DuckDB's interrupt (Ctrl-C, or a caller's abort)? */
export const isInterrupt = (error: unknown) => /INTERRUPT/i.test(String((error as Error)?.message ?? error));
