import { diffLines, withContext } from './lineDiff';

describe('diffLines', () => {
  it('keeps equal text', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('marks a changed line as removed then added', () => {
    expect(diffLines('name: a\ntarget: 0.999\nwindow: 30d\n', 'name: a\ntarget: 0.995\nwindow: 30d\n')).toEqual([
      { kind: 'same', text: 'name: a' },
      { kind: 'removed', text: 'target: 0.999' },
      { kind: 'added', text: 'target: 0.995' },
      { kind: 'same', text: 'window: 30d' },
    ]);
  });

  it('adds to and removes from empty text', () => {
    expect(diffLines('', 'x\n')).toEqual([{ kind: 'added', text: 'x' }]);
    expect(diffLines('x', '')).toEqual([{ kind: 'removed', text: 'x' }]);
  });
});

describe('withContext', () => {
  it('skips unchanged runs far from a change', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7'].join('\n');
    const after = ['1', '2', '3', '4', '5', '6', 'seven'].join('\n');
    expect(withContext(diffLines(before, after), 1)).toEqual([
      { kind: 'skipped', count: 5 },
      { kind: 'same', text: '6' },
      { kind: 'removed', text: '7' },
      { kind: 'added', text: 'seven' },
    ]);
  });
});
