import { useEffect, useRef, useState } from 'react';
import { locationService } from '@grafana/runtime';

interface Destination {
  pathname: string;
  search: string;
  hash: string;
}

/** What the editor needs of Grafana's history (history v4, as locationService.getHistory() gives it). */
interface BlockingHistory {
  location: Destination;
  block: (prompt: (location: Destination) => false | undefined) => () => void;
}

/**
 * Keeps unsaved edits from being lost: while `dirty`, moving to another page inside Grafana is held
 * until the user confirms (`pending` is where they were going), and leaving the page or reloading asks
 * the browser's own question (beforeunload), as Grafana's dashboards do.
 */
export function useLeavePrompt(dirty: boolean) {
  const [pending, setPending] = useState<Destination>();
  const dirtyRef = useRef(dirty);
  const allowRef = useRef(false);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  useEffect(() => {
    const history: BlockingHistory = locationService.getHistory();
    const here = history.location.pathname;
    const unblock = history.block((location) => {
      if (!dirtyRef.current || allowRef.current || location.pathname === here) {
        return undefined;
      }
      setPending(location);
      return false;
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current && !allowRef.current) {
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unblock();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  return {
    pending,
    /** Go where the user was going, dropping the edits. */
    leave: () => {
      allowRef.current = true;
      setPending(undefined);
      if (pending) {
        locationService.push(`${pending.pathname}${pending.search}${pending.hash}`);
      }
    },
    stay: () => setPending(undefined),
    /** After a save: navigation no longer needs confirming. */
    allowLeave: () => {
      allowRef.current = true;
    },
  };
}
