import { describe, expect, it } from 'vitest';
import { addArn, focusAfter, moveItem, removeItem } from './agenda-edit';
import { formatMeetingTime, nowInZone } from './time-zones';
import { isFullScreenReviewsRoute, meetingModePath, parseReviewsRoute } from './reviews-route';

describe('agenda editing', () => {
  it('moves up and down, never past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('removes, adds once, and keeps the keyboard user’s place', () => {
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(addArn(['a'], 'b')).toEqual(['a', 'b']);
    expect(addArn(['a', 'b'], 'a')).toEqual(['a', 'b']);
    expect(focusAfter('up', 1, 3)).toBe(0);
    expect(focusAfter('down', 1, 3)).toBe(2);
    expect(focusAfter('remove', 2, 2)).toBe(1);
    expect(focusAfter('remove', 0, 0)).toBeNull();
  });
});

describe('meeting times', () => {
  it('reads a meeting’s local time in its own zone, never converted to this browser’s', () => {
    expect(formatMeetingTime('2026-03-30T10:00', 'Europe/Paris')).toBe('Mon, 30 Mar 2026, 10:00 (Europe/Paris)');
    expect(formatMeetingTime('not a time', 'UTC')).toBe('not a time (UTC)');
    expect(nowInZone('Asia/Tokyo', new Date('2026-12-06T20:30:00Z'))).toBe('2026-12-07T05:30');
    expect(nowInZone('UTC', new Date('2026-12-06T20:30:00Z'))).toBe('2026-12-06T20:30');
  });
});

describe('reviews routes', () => {
  it('home, a meeting, meeting mode (full screen) and minutes', () => {
    expect(parseReviewsRoute('/reviews')).toEqual({ view: 'home' });
    expect(parseReviewsRoute('/reviews/m%2F1')).toEqual({ view: 'meeting', meetingId: 'm/1' });
    expect(parseReviewsRoute(meetingModePath('m 1'))).toEqual({ view: 'run', meetingId: 'm 1' });
    expect(parseReviewsRoute('/reviews/m1/minutes')).toEqual({ view: 'minutes', meetingId: 'm1' });
    expect(parseReviewsRoute('/reviews/%E0%A4%A')).toEqual({ view: 'home' });
    expect(isFullScreenReviewsRoute('/reviews/m1/meeting')).toBe(true);
    expect(isFullScreenReviewsRoute('/reviews/m1')).toBe(false);
    expect(isFullScreenReviewsRoute('/reviewsx/m1/meeting')).toBe(false);
  });
});
