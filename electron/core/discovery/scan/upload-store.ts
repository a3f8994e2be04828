/**
 * Files uploaded over the loopback transport for an import (the browser cannot hand the back end a
 * path). Each upload is a temporary file named by a random ID, deleted when its import is done, when
 * nobody imported it within `maxAgeMs` (an abandoned upload), or at shutdown. The folder holding them
 * is created on the first upload only, so a run that receives none leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors';
import { createTempDir, removeTempDir } from '../../lib/temp-dirs';

/** An upload nobody has started importing is deleted after an hour. */
export const UPLOAD_MAX_AGE_MS = 60 * 60 * 1000;

export interface UploadStoreOptions {
  /** Where the uploads folder is made (default: the OS temporary folder). */
  parent?: string;
  clock?: () => Date;
  maxAgeMs?: number;
}

interface Upload {
  path: string;
  createdAt: number;
  /** An import has taken it: it is deleted by that import, never expired under it. */
  claimed: boolean;
}

export class UploadStore {
  private readonly parent: string | undefined;
  private readonly clock: () => Date;
  private readonly maxAgeMs: number;
  private dir: string | null = null;
  private readonly files = new Map<string, Upload>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: UploadStoreOptions = {}) {
    this.parent = options.parent;
    this.clock = options.clock ?? ((): Date => new Date());
    this.maxAgeMs = options.maxAgeMs ?? UPLOAD_MAX_AGE_MS;
  }

  /** The folder of the uploads, or null before the first one. */
  folder(): string | null {
    return this.dir;
  }

  /** A new upload's ID and the path to write its bytes to. */
  create(): { id: string; path: string } {
    this.expire();
    this.dir ??= createTempDir('uploads', this.parent);
    const id = randomUUID();
    const path = join(this.dir, `${id}.upload`);
    this.files.set(id, { path, createdAt: this.clock().getTime(), claimed: false });
    this.schedule();
    return { id, path };
  }

  /** The file of an upload, which an import is now taking (it removes it when done). */
  resolve(id: string): string {
    const upload = this.files.get(id);
    if (upload === undefined) throw new AppError('not_found', 'That uploaded file is no longer available; choose it again.');
    upload.claimed = true;
    this.schedule();
    return upload.path;
  }

  remove(id: string): void {
    const upload = this.files.get(id);
    if (upload === undefined) return;
    this.files.delete(id);
    rmSync(upload.path, { force: true });
    this.schedule();
  }

  /** Deletes the uploads no import took within maxAgeMs; returns how many. */
  expire(): number {
    const cutoff = this.clock().getTime() - this.maxAgeMs;
    let expired = 0;
    for (const [id, upload] of this.files) {
      if (!upload.claimed && upload.createdAt <= cutoff) {
        this.remove(id);
        expired += 1;
      }
    }
    return expired;
  }

  dispose(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.files.clear();
    if (this.dir !== null) removeTempDir(this.dir);
    this.dir = null;
  }

  /** A check every few minutes while unclaimed uploads wait; none when there is nothing to expire. */
  private schedule(): void {
    const waiting = [...this.files.values()].some((upload) => !upload.claimed);
    if (waiting && this.timer === null) {
      this.timer = setInterval(() => this.expire(), Math.max(1000, Math.min(this.maxAgeMs / 4, 5 * 60 * 1000)));
      // Never what keeps a process alive.
      this.timer.unref();
    } else if (!waiting && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
