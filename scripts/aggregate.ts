/**
 * `npm run aggregate`: row-level files too big for the browser (a canvass export, a register with
 * history) reduced to one row per seat, natively in DuckDB or on Spark, into a file the app's
 * upload imports. See scripts/aggregate/ for the steps and README "Scale" for figures.
 *   npm run aggregate -- --input 'canvass/*.parquet' --key lsoa --out seats.csv
 */
import { cliMessage } from './risk-cli';
import { parseAggregateArgs, USAGE } from './aggregate/options';
import { runAggregate } from './aggregate/run';

async function main() {
	const options = parseAggregateArgs(process.argv.slice(2), process.env);
	if (!options) return console.log(USAGE);
	const controller = new AbortController();
	// First Ctrl-C stops the engine and cleans up (no output is left); a second one exits at once.
	process.on('SIGINT', () => {
		if (controller.signal.aborted) process.exit(130);
		process.stderr.write('\nInterrupting…\n');
		controller.abort();
	});
	const tty = process.stderr.isTTY;
	let lastLine = 0;
	const started = Date.now();
	const summary = await runAggregate(options, {
		signal: controller.signal,
		log: (line) => console.error(line),
		progress(text) {
			// A terminal gets one line rewritten in place; a log file a line every ten seconds.
			if (tty) process.stderr.write(`\r${text}\u001b[K`);
			else if (Date.now() - lastLine >= 10_000) {
				lastLine = Date.now();
				process.stderr.write(`${text}\n`);
			}
		},
		onPhase(phase) {
			if (tty && phase === 'result') process.stderr.write('\r\u001b[K');
		}
	});
	const set = summary.keyKind.kind === 'area' ? `small areas → ${summary.keyKind.set}-set seats` : `${summary.keyKind.set}-set seats`;
	console.log(
		`Aggregated ${summary.inputRows.toLocaleString('en-GB')} rows from ${summary.files.length} file${summary.files.length === 1 ? '' : 's'} (${set}) into ${summary.outputRows.toLocaleString('en-GB')} rows × ${summary.columns.length} columns in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${options.out}`
	);
}

main().catch((error) => {
	console.error(cliMessage(error) ?? `Error: ${error?.stack ?? error}`);
	process.exit(error?.message?.startsWith('Interrupted') ? 130 : 1);
});
