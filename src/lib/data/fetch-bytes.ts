/** Same-origin fetch of a data file with byte progress and readable errors. */
import { base } from '$app/paths';

export const DATA_PATH = `${base}/data`;

/** `signal` stops the download (loading was stopped): it rejects with the abort reason. */
export async function fetchDataBytes(file: string, onBytes: (loaded: number) => void = () => {}, signal?: AbortSignal): Promise<Uint8Array> {
	const url = `${DATA_PATH}/${file}`;
	let response: Response;
	try {
		response = await fetch(url, { signal });
	} catch (error) {
		if (signal?.aborted) throw new Error('loading was stopped', { cause: error });
		throw new Error(`network error fetching ${url} (${(error as Error).message})`, { cause: error });
	}
	if (!response.ok) {
		throw new Error(
			`${url} answered ${response.status} ${response.statusText}. Was \`npm run data\` run before the build?`
		);
	}
	if (!response.body) return new Uint8Array(await response.arrayBuffer());
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let loaded = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		loaded += value.byteLength;
		onBytes(loaded);
	}
	const bytes = new Uint8Array(loaded);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

export async function fetchDataText(file: string, signal?: AbortSignal): Promise<string> {
	return new TextDecoder().decode(await fetchDataBytes(file, undefined, signal));
}
