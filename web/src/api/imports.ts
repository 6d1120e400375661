/**
 * Importing a task notice: the file read into the request, its preview with
 * the user's corrections (POST /api/imports/preview) and the import itself
 * (POST /api/imports/commit), after which every cached answer is stale.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from './call';
import { base64Of } from './files';
import type { ImportRequest } from './types.gen';

/** The notice as read, before any correction. */
export type ImportUpload = Omit<ImportRequest, 'corrections'>;

/** Reads the chosen notice (and unit directory) into the request's fields; rejects when the browser cannot read a file. */
export async function readImport(notice: File, units: File | null): Promise<ImportUpload> {
  return { fileName: notice.name, content: await base64Of(notice), ...(units ? { units: await units.text() } : {}) };
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (body: ImportRequest) => call('POST /api/imports/preview', { body }) });
}

export function useCommitImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportRequest) => call('POST /api/imports/commit', { body }),
    // A new plan or version changes every screen.
    onSuccess: () => void client.invalidateQueries(),
  });
}
