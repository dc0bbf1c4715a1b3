import { makeSlo } from '../../testing/fixtures';
import { dashboardToSlo, sloToDashboard } from '../../storage/sloDashboard';
import { versionDiff } from './versionDiff';

const stored = (description: string) => dashboardToSlo(sloToDashboard(makeSlo({ description })));

describe('versionDiff', () => {
  it('gives the lines of the SLO that changed between two versions, with context', () => {
    const diff = versionDiff(
      { label: 'version 1', decoded: stored('before') },
      { label: 'version 2', decoded: stored('after') }
    );
    expect(diff.kind).toBe('diff');
    const changes = diff.kind === 'diff' ? diff.lines.filter((l) => l.kind === 'added' || l.kind === 'removed') : [];
    expect(changes).toEqual([
      { kind: 'removed', text: '  description: before' },
      { kind: 'added', text: '  description: after' },
    ]);
    expect(diff.kind === 'diff' && diff.changed).toBe(2);
  });

  it('shows no change between two saves of the same SLO', () => {
    const diff = versionDiff(
      { label: 'version 1', decoded: stored('same') },
      { label: 'version 2', decoded: stored('same') }
    );
    expect(diff.kind === 'diff' && diff.changed).toBe(0);
  });

  it('shows the whole SLO as added for the first version', () => {
    const diff = versionDiff(undefined, { label: 'version 1', decoded: stored('first') });
    expect(diff.kind === 'diff' && diff.lines.every((l) => l.kind === 'added')).toBe(true);
  });

  it('names the version that cannot be decoded, with its error', () => {
    const diff = versionDiff(
      { label: 'version 1', decoded: dashboardToSlo({ panels: [] }) },
      { label: 'version 2', decoded: stored('after') }
    );
    expect(diff).toEqual({
      kind: 'unreadable',
      label: 'version 1',
      message: 'the dashboard has no text panel holding the SLO as a ```yaml block',
      issues: [],
    });
  });
});
