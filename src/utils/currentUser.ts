import { config } from '@grafana/runtime';

/** Who writes a note, marks a review or changes an action item: the Grafana user signed in. */
export function currentUserLogin(): string {
  const user = config.bootData.user;
  return user.login || user.name || 'unknown user';
}
