import type { Api, FileRef } from '@shared/contract';

/**
 * What screens are written against: the contract's Api, plus one way to hand a file the user dropped
 * or chose to the back end. The desktop app passes the file's path; the browser uploads its bytes.
 * Screens call `fileRef(file)` and never ask which transport they run on.
 */
export interface RendererApi extends Api {
  fileRef(file: File): Promise<FileRef>;
}
