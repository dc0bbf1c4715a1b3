import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Load } from './loadRunner';
import { useLoadOnDemand, useLoader } from './useLoader';

/** Loads that answer when the test says, keeping each one's signal and input. */
function controlledLoads() {
  const runs: Array<{ input: string; signal: AbortSignal; resolve: (v: string) => void; reject: (e: Error) => void }> =
    [];
  const loadFor =
    (input: string): Load<string> =>
    (signal) =>
      new Promise<string>((resolve, reject) => {
        runs.push({ input, signal, resolve, reject });
      });
  return { runs, loadFor };
}

function Shown({ loading, data, error }: { loading: boolean; data?: string; error?: string }) {
  return (
    <div>
      {loading && <span>Loading...</span>}
      {data && <span>Data: {data}</span>}
      {error && <span>Error: {error}</span>}
    </div>
  );
}

function Week({ week, loadFor }: { week: string; loadFor: (week: string) => Load<string> }) {
  const state = useLoader(loadFor(week), [week]);
  return <Shown {...state} />;
}

describe('useLoader', () => {
  it('shows loading, then the answer, or the error', async () => {
    const { runs, loadFor } = controlledLoads();
    const { rerender } = render(<Week week="w1" loadFor={loadFor} />);
    expect(screen.getByText('Loading...')).toBeInTheDocument();
    await act(async () => runs[0].resolve('week 1'));
    expect(screen.getByText('Data: week 1')).toBeInTheDocument();
    expect(screen.queryByText('Loading...')).not.toBeInTheDocument();
    rerender(<Week week="w2" loadFor={loadFor} />);
    await act(async () => runs[1].reject(new Error('no datasource')));
    expect(screen.getByText('Error: no datasource')).toBeInTheDocument();
  });

  it('runs again when its inputs change and drops the stale answer', async () => {
    const { runs, loadFor } = controlledLoads();
    const { rerender } = render(<Week week="w1" loadFor={loadFor} />);
    rerender(<Week week="w2" loadFor={loadFor} />);
    expect(runs.map((r) => r.input)).toEqual(['w1', 'w2']);
    expect(runs[0].signal.aborted).toBe(true);
    await act(async () => {
      runs[1].resolve('week 2');
      runs[0].resolve('week 1');
    });
    expect(screen.getByText('Data: week 2')).toBeInTheDocument();
    expect(screen.queryByText('Data: week 1')).not.toBeInTheDocument();
  });

  it('does not run again while its inputs stay the same', () => {
    const { runs, loadFor } = controlledLoads();
    const { rerender } = render(<Week week="w1" loadFor={loadFor} />);
    rerender(<Week week="w1" loadFor={loadFor} />);
    expect(runs).toHaveLength(1);
  });

  it('cancels the load under way on unmount', () => {
    const { runs, loadFor } = controlledLoads();
    const { unmount } = render(<Week week="w1" loadFor={loadFor} />);
    unmount();
    expect(runs[0].signal.aborted).toBe(true);
  });
});

function OnDemand({ loadFor }: { loadFor: (input: string) => Load<string> }) {
  const [state, run] = useLoadOnDemand<string>();
  return (
    <>
      <button onClick={() => run(loadFor('click'))}>Run</button>
      <Shown {...state} />
    </>
  );
}

describe('useLoadOnDemand', () => {
  it('runs on demand, the latest run wins, and unmounting cancels it', async () => {
    const { runs, loadFor } = controlledLoads();
    const { unmount } = render(<OnDemand loadFor={loadFor} />);
    expect(runs).toHaveLength(0);
    expect(screen.queryByText('Loading...')).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('Run'));
    fireEvent.click(screen.getByText('Run'));
    expect(screen.getByText('Loading...')).toBeInTheDocument();
    expect(runs[0].signal.aborted).toBe(true);
    await act(async () => {
      runs[1].resolve('second');
      runs[0].resolve('first');
    });
    expect(screen.getByText('Data: second')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Run'));
    unmount();
    expect(runs[2].signal.aborted).toBe(true);
  });
});
