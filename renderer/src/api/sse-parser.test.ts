import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser';

describe('event-stream parser', () => {
  it('joins messages split across chunks, CRLF and multi-line data; skips comments', () => {
    const messages: SseMessage[] = [];
    const feed = createSseParser((message) => messages.push(message));
    feed(': connected\n\n');
    feed('event: workspace:changed\r\nda');
    feed('ta: {"path":"/tmp/a.sqlite"}\r');
    feed('\n\r\n');
    feed('data: line one\ndata: line two\n\n');
    feed('event: job:progress\ndata: {}\n');
    expect(messages).toEqual([
      { event: 'workspace:changed', data: '{"path":"/tmp/a.sqlite"}' },
      { event: 'message', data: 'line one\nline two' },
    ]);
    feed('\n');
    expect(messages[2]).toEqual({ event: 'job:progress', data: '{}' });
  });
});
