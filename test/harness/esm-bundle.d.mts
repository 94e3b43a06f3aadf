/** Types of esm-bundle.mjs for the TypeScript tests. */
export function bundleSourcesEsm(entry: string, outfile: string): Promise<void>;
