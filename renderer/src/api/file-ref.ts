import type { Bridge, FileRef } from '@shared/contract';
import { ApiError } from './api-error';
import type { HttpClient } from './http-client';

/**
 * The desktop app reads files where they are: the preload tells the path of a file the user dropped
 * or chose. A file without one (dragged out of another app, say) has to be saved to disk first.
 */
export function pathFileRef(bridge: Bridge): (file: File) => Promise<FileRef> {
  return (file) => {
    let path: string | null = null;
    try {
      path = typeof bridge.pathForFile === 'function' ? bridge.pathForFile(file) : null;
    } catch {
      path = null;
    }
    if (path === null || path === '') {
      return Promise.reject(
        new ApiError('invalid_input', `“${file.name}” has no location on this computer (was it dragged out of another app?). Save it to a folder first, then choose it with “Choose file…”.`),
      );
    }
    return Promise.resolve({ kind: 'path', path });
  };
}

/** In the browser the back end cannot open the user's files: their bytes are uploaded over loopback. */
export function uploadFileRef(client: Pick<HttpClient, 'upload'>): (file: File) => Promise<FileRef> {
  return async (file) => {
    const { uploadId } = await client.upload(file);
    return { kind: 'upload', uploadId, name: file.name.slice(0, 512) };
  };
}
