/** The Reviews section's own routes under `#/reviews`. */
export type ReviewsRoute =
  | { view: 'home' }
  | { view: 'meeting'; meetingId: string }
  /** Meeting mode: full screen, without the sidebar. */
  | { view: 'run'; meetingId: string }
  | { view: 'minutes'; meetingId: string };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** `/reviews` → home; `/reviews/ID` → a meeting; `/reviews/ID/meeting` → meeting mode; `/reviews/ID/minutes` → its minutes. */
export function parseReviewsRoute(path: string): ReviewsRoute {
  const rest = path.replace(/[?#].*$/, '').replace(/^\/reviews\/?/, '');
  const [first, second] = rest.split('/');
  if (first === undefined || first === '') return { view: 'home' };
  const meetingId = decode(first);
  if (meetingId === null || meetingId === '') return { view: 'home' };
  if (second === 'meeting') return { view: 'run', meetingId };
  if (second === 'minutes') return { view: 'minutes', meetingId };
  return { view: 'meeting', meetingId };
}

export function meetingPath(meetingId: string): string {
  return `/reviews/${encodeURIComponent(meetingId)}`;
}

export function meetingModePath(meetingId: string): string {
  return `${meetingPath(meetingId)}/meeting`;
}

export function minutesPath(meetingId: string): string {
  return `${meetingPath(meetingId)}/minutes`;
}

/** Meeting mode fills the window: the shell leaves the sidebar out for it. */
export function isFullScreenReviewsRoute(path: string): boolean {
  return path.startsWith('/reviews/') && parseReviewsRoute(path).view === 'run';
}
