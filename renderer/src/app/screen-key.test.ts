import { describe, expect, it } from 'vitest';
import { INITIAL_SCREEN_KEY, nextScreenKey } from './screen-key';

describe('nextScreenKey', () => {
  it('keeps the screen drawn while the workspace loaded when its first answer arrives', () => {
    const loading = nextScreenKey(INITIAL_SCREEN_KEY, null);
    const ready = nextScreenKey(loading, '/w/a.warden');
    expect(ready.generation).toBe(INITIAL_SCREEN_KEY.generation);
    expect(ready.path).toBe('/w/a.warden');
  });

  it('remounts when another workspace is opened, not while it loads nor when the same one is re-read', () => {
    const first = nextScreenKey(INITIAL_SCREEN_KEY, '/w/a.warden');
    const reloading = nextScreenKey(first, null);
    expect(reloading.generation).toBe(first.generation);
    expect(nextScreenKey(reloading, '/w/a.warden').generation).toBe(first.generation);
    const other = nextScreenKey(reloading, '/w/b.warden');
    expect(other.generation).toBe(first.generation + 1);
    expect(nextScreenKey(other, '/w/a.warden').generation).toBe(first.generation + 2);
  });
});
