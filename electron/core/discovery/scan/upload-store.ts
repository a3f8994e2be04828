/**
 * Files uploaded over the loopback transport for an import (the browser cannot hand the back end a
 * path). Each upload is a temporary file named by a random ID, deleted when used or at shutdown.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../errors';

export class UploadStore {
  private readonly dir: string;
  private readonly files = new Map<string, string>();

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'agent-warden-uploads-'));
  }

  /** A new upload's ID and the path to write its bytes to. */
  create(): { id: string; path: string } {
    const id = randomUUID();
    const path = join(this.dir, `${id}.upload`);
    this.files.set(id, path);
    return { id, path };
  }

  resolve(id: string): string {
    const path = this.files.get(id);
    if (path === undefined) throw new AppError('not_found', 'That uploaded file is no longer available; choose it again.');
    return path;
  }

  remove(id: string): void {
    const path = this.files.get(id);
    if (path === undefined) return;
    this.files.delete(id);
    rmSync(path, { force: true });
  }

  dispose(): void {
    this.files.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
