import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { useRoutes as answerWith, type FakeReply } from '../../testing/backendSrv';
import { sloToDashboard } from '../../storage/sloDashboard';
import { testIds } from '../../components/testIds';
import type { SloEntry } from '../../api/sloStore';
import { SloHistory } from './SloHistory';

jest.mock('@grafana/runtime', () => jest.requireActual('../../testing/backendSrv').fakeRuntime);

const ids = testIds.sloDetail;
const uid = 'slo-checkout-availability';
const current = makeStoredSlo({ version: 3, folderUid: 'burnrate-slos' });
const at = (version: number) => ({
  version,
  created: `2025-01-0${version}T10:00:00Z`,
  createdBy: version === 2 ? 'bob' : 'alice',
  message: version === 1 ? 'Created by Burnrate' : '',
});
/** Version 1 says "first", version 2 cannot be decoded, version 3 is the current SLO. */
const dashboards: Record<number, unknown> = {
  1: sloToDashboard(makeSlo({ description: 'first' })),
  2: { title: 'SLO: Checkout availability', panels: [{ type: 'text', options: { content: 'no yaml here' } }] },
  3: current.dashboard,
};

function routes(save: () => FakeReply = () => ({ data: { uid, version: 4 } })) {
  return answerWith([
    [
      'GET',
      `/api/dashboards/uid/${uid}/versions`,
      () => ({ data: { continueToken: '', versions: [at(3), at(2), at(1)] } }),
    ],
    [
      'GET',
      new RegExp(`^/api/dashboards/uid/${uid}/versions/\\d+$`),
      (request) => {
        const version = Number(request.url.split('/').pop());
        return { data: { ...at(version), id: version + 10, data: dashboards[version] } };
      },
    ],
    ['POST', '/api/dashboards/db', save],
    [
      'GET',
      `/api/dashboards/uid/${uid}`,
      () => ({ data: { dashboard: current.dashboard, meta: { version: 4, updatedBy: 'carol' } } }),
    ],
  ]);
}

async function open(onRestored = jest.fn(async () => undefined), entry: SloEntry = current) {
  render(<SloHistory entry={entry} onRestored={onRestored} />);
  fireEvent.click(screen.getByText('History'));
  await waitFor(() => expect(screen.getAllByTestId(ids.historyRow)).toHaveLength(3));
  return onRestored;
}

function show(version: number) {
  const row = screen.getAllByTestId(ids.historyRow).find((r) => r.textContent?.startsWith(String(version)));
  fireEvent.click(within(row!).getByText('Show'));
}

describe('SloHistory', () => {
  it('lists who saved each version and when, newest first', async () => {
    routes();
    await open();
    expect(screen.getAllByTestId(ids.historyRow).map((r) => r.textContent)).toEqual([
      '3 (current)2025-01-03 10:00:00aliceShow',
      '22025-01-02 10:00:00bobShow',
      '12025-01-01 10:00:00aliceCreated by BurnrateShow',
    ]);
  });

  it('reads older versions a page at a time, and diffs the oldest shown with the version before it', async () => {
    const calls = answerWith([
      [
        'GET',
        `/api/dashboards/uid/${uid}/versions`,
        (request) => ({
          data: request.params?.continueToken
            ? { continueToken: '', versions: [at(1)] }
            : { continueToken: 'next-page', versions: [at(3), at(2)] },
        }),
      ],
      [
        'GET',
        new RegExp(`^/api/dashboards/uid/${uid}/versions/\\d+$`),
        (request) => {
          const version = Number(request.url.split('/').pop());
          return { data: { ...at(version), id: version + 10, data: dashboards[version] } };
        },
      ],
    ]);
    render(<SloHistory entry={current} onRestored={jest.fn()} />);
    fireEvent.click(screen.getByText('History'));
    await waitFor(() => expect(screen.getAllByTestId(ids.historyRow)).toHaveLength(2));
    // Version 2 is the oldest listed, but not the first: its changes are read against version 1.
    show(2);
    await screen.findByTestId(ids.historyUnreadable);
    expect(calls.map((c) => c.url)).toContain(`/api/dashboards/uid/${uid}/versions/1`);
    fireEvent.click(screen.getByTestId(ids.historyMore));
    await waitFor(() => expect(screen.getAllByTestId(ids.historyRow)).toHaveLength(3));
    expect(screen.queryByTestId(ids.historyMore)).not.toBeInTheDocument();
    expect(calls.filter((c) => c.url === `/api/dashboards/uid/${uid}/versions`).map((c) => c.params)).toEqual([
      { limit: 50 },
      { limit: 50, continueToken: 'next-page' },
    ]);
  });

  it('shows a version that cannot be decoded as such, and offers no restore of it', async () => {
    routes();
    await open();
    show(2);
    const unreadable = await screen.findByTestId(ids.historyUnreadable);
    expect(unreadable.textContent).toContain('Cannot read version 2');
    expect(unreadable.textContent).toContain('the dashboard has no text panel holding the SLO as a ```yaml block');
    expect(screen.getByText('This version cannot be restored: its SLO cannot be read.')).toBeInTheDocument();
    expect(screen.queryByTestId(ids.historyRestore)).not.toBeInTheDocument();
  });

  it('diffs a version against the SLO now, in native YAML', async () => {
    routes();
    await open();
    show(1);
    fireEvent.click(await screen.findByText('Against now'));
    const diff = await screen.findByTestId(ids.historyDiff);
    expect(diff.textContent).toContain('From the current version 3 to version 1');
    // The SLO now has no description: restoring version 1 would add it.
    expect(diff.textContent).not.toContain('- ');
    expect(diff.textContent).toContain('+   description: first');
  });

  it('restores a version: a save of its SLO over the current version, with a message naming it', async () => {
    const calls = routes();
    const onRestored = await open();
    show(1);
    fireEvent.click(await screen.findByTestId(ids.historyRestore));
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByText('Restored as version 4.');
    const save = calls.find((c) => c.method === 'POST');
    const body = save?.data as {
      dashboard: { version: number; panels: Array<{ options: { content: string } }> };
      message: string;
      folderUid: string;
    };
    expect(body.dashboard.version).toBe(3);
    expect(body.dashboard.panels[0].options.content).toContain('description: first');
    expect(body.message).toBe('Restored version 1');
    expect(body.folderUid).toBe('burnrate-slos');
    expect(onRestored).toHaveBeenCalled();
  });

  it('says who saved in between when the restore meets a newer version, and reads the SLO again', async () => {
    routes(() => ({
      status: 412,
      data: { status: 'version-mismatch', message: 'The dashboard has been changed by someone else' },
    }));
    const onRestored = await open();
    show(1);
    fireEvent.click(await screen.findByTestId(ids.historyRestore));
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    expect(
      await screen.findByText(
        'carol changed this SLO after you opened it: the page now shows their version; restore again if it should still be restored'
      )
    ).toBeInTheDocument();
    expect(onRestored).toHaveBeenCalled();
  });

  it('restores a good version of an SLO whose current dashboard cannot be read', async () => {
    const calls = routes();
    const broken: SloEntry = {
      ...current,
      kind: 'broken',
      title: 'SLO: Checkout availability',
      error: { message: 'the stored YAML does not parse', issues: [] },
    };
    await open(undefined, broken);
    show(1);
    fireEvent.click(await screen.findByText('Against now'));
    expect((await screen.findByTestId(ids.historyUnreadable)).textContent).toContain(
      'Cannot read the current version 3the stored YAML does not parse'
    );
    fireEvent.click(screen.getByTestId(ids.historyRestore));
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByText('Restored as version 4.');
    const body = calls.find((c) => c.method === 'POST')?.data as { dashboard: { uid: string; version: number } };
    expect(body.dashboard).toMatchObject({ uid, version: 3 });
  });
});
