import { describe, expect, it } from 'vitest';
import { splitAction } from './test-outcome';

describe('advice from a failed test', () => {
  it('a bare command is one copyable part', () => {
    expect(splitAction('aws sso login --profile prod-sso')).toEqual([{ kind: 'code', text: 'aws sso login --profile prod-sso' }]);
  });

  it('back-quoted commands inside a sentence', () => {
    expect(splitAction('Update the keys (for example with `aws configure --profile dev`), or create a new key.')).toEqual([
      { kind: 'text', text: 'Update the keys (for example with ' },
      { kind: 'code', text: 'aws configure --profile dev' },
      { kind: 'text', text: '), or create a new key.' },
    ]);
  });

  it('an unquoted command inside a sentence, without its full stop', () => {
    expect(splitAction('Run aws sso login --profile acme.prod. Then test again.')).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'code', text: 'aws sso login --profile acme.prod' },
      { kind: 'text', text: '. Then test again.' },
    ]);
  });

  it('plain advice stays text', () => {
    expect(splitAction('Check the VPN, then test again.')).toEqual([{ kind: 'text', text: 'Check the VPN, then test again.' }]);
  });
});
