/**
 * Paging through AWS list operations. One loop for every token style (IAM's `Marker` +
 * `IsTruncated`, the `NextToken` of other services), with the checks a hand-written loop forgets:
 * stop at once when the scan is cancelled, and refuse to spin when AWS repeats a token or claims
 * more results without giving one (a fault that would otherwise loop until the scan is killed).
 */

export interface PageLoop<P> {
  /** What is being listed, for error messages: `GetAccountAuthorizationDetails`. */
  what: string;
  signal: AbortSignal;
  fetch(token: string | undefined): Promise<P>;
  /** The token for the next page, or undefined when this was the last one. */
  nextToken(page: P): string | undefined;
  /** Called with each page as it arrives; keep only what is needed so memory follows the facts. */
  onPage(page: P, index: number): void;
  /** Refuse to go on after this many pages. Default 100,000 (100 million IAM entities at 1000 a page). */
  maxPages?: number;
}

/** Fetches every page in order; returns how many there were. */
export async function forEachPage<P>(loop: PageLoop<P>): Promise<number> {
  const maxPages = loop.maxPages ?? 100_000;
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    loop.signal.throwIfAborted();
    const page = await loop.fetch(token);
    loop.signal.throwIfAborted();
    loop.onPage(page, pages);
    pages += 1;
    token = loop.nextToken(page);
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`${loop.what}: AWS returned the same page token twice; stopped to avoid an endless loop.`);
      seen.add(token);
      if (pages >= maxPages) throw new Error(`${loop.what}: more than ${maxPages} pages; stopped.`);
    }
  } while (token !== undefined);
  return pages;
}

/** IAM's style: `IsTruncated` says whether more follow, `Marker` where to go on. */
export function iamMarker(what: string): (page: { IsTruncated?: boolean | undefined; Marker?: string | undefined }) => string | undefined {
  return (page) => {
    if (page.IsTruncated !== true) return undefined;
    if (page.Marker === undefined || page.Marker === '') {
      throw new Error(`${what}: AWS said more results follow but gave no Marker to fetch them.`);
    }
    return page.Marker;
  };
}

/** The `NextToken` style: a token means more follow. */
export function nextTokenOf(page: { NextToken?: string | undefined }): string | undefined {
  return page.NextToken === undefined || page.NextToken === '' ? undefined : page.NextToken;
}
