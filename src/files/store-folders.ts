/** The top folders of file keys (file-layouts.ts): forum documents, milestone evidence, dataset originals. */
export const STORE_FOLDERS = ['files', 'evidence', 'uploads'] as const;
