/**
 * The workspace file: every upload and saved scenario in one JSON document, to move a workspace
 * to another machine. Reading one validates every item; nothing is trusted or half-applied.
 */
export const WORKSPACE_FORMAT = 'heartlands-workspace';
export const WORKSPACE_VERSION = 1;
export const MAX_WORKSPACE_BYTES = 100 * 1024 * 1024;

export interface WorkspaceFile {
	format: typeof WORKSPACE_FORMAT;
	version: typeof WORKSPACE_VERSION;
	exportedAt: string;
	datasets: unknown[];
	scenarios: unknown[];
	/** Uploaded map layers (GeoJSON); absent in files written before layers existed. */
	layers: unknown[];
}

export function workspaceFile(datasets: unknown[], scenarios: unknown[], now = new Date(), layers: unknown[] = []): WorkspaceFile {
	return { format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, exportedAt: now.toISOString(), datasets, scenarios, layers };
}

export class WorkspaceError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WorkspaceError';
	}
}

/** Parse a workspace file's text; throws only WorkspaceError, with a message for the user. */
export function readWorkspace(text: string): WorkspaceFile {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new WorkspaceError('This is not a workspace file: it is not valid JSON.');
	}
	const w = value as Partial<WorkspaceFile> | null;
	if (typeof w !== 'object' || w === null || w.format !== WORKSPACE_FORMAT) throw new WorkspaceError('This is not a Heartlands workspace file.');
	// Only a number or string is quoted: String() of an object can throw ({"toString": 0}, found by fuzzing).
	const version = typeof w.version === 'number' || typeof w.version === 'string' ? String(w.version).slice(0, 20) : `of an unknown kind (${w.version === null ? 'null' : typeof w.version})`;
	if (w.version !== WORKSPACE_VERSION) throw new WorkspaceError(`This workspace file is version ${version}; this app reads version ${WORKSPACE_VERSION}.`);
	if (!Array.isArray(w.datasets) || !Array.isArray(w.scenarios)) throw new WorkspaceError('This workspace file is damaged: its lists of uploads and scenarios are missing.');
	if (w.layers !== undefined && !Array.isArray(w.layers)) throw new WorkspaceError('This workspace file is damaged: its list of map layers is not a list.');
	return { format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, exportedAt: typeof w.exportedAt === 'string' ? w.exportedAt.slice(0, 40) : '', datasets: w.datasets, scenarios: w.scenarios, layers: w.layers ?? [] };
}
