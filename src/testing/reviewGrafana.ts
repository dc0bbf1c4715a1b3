import type { BackendSrvRequest } from '@grafana/runtime';
import { useRoutes as routes, type FakeReply } from './backendSrv';
import { dashboardToReview, reviewToDashboard } from '../storage/reviewDashboard';
import type { SharedReview } from '../decisions/sharedReview';

/** Grafana's dashboards as far as the store uses them: search by uid or tag, load, and save with versions. */
export function fakeReviewGrafana(
  initial: Record<string, { dashboard: Record<string, unknown>; version: number }> = {},
  meta: { canSave: boolean } = { canSave: true }
) {
  const dashboards = { ...initial };
  const search = (request: BackendSrvRequest): FakeReply => {
    const params = request.params as Record<string, string>;
    const uids = Object.keys(dashboards).filter((uid) =>
      params.dashboardUIDs ? uid === params.dashboardUIDs : uid.startsWith('burnrate-review-')
    );
    return { data: uids.map((uid) => ({ uid })) };
  };
  const load = (request: BackendSrvRequest): FakeReply => {
    const uid = request.url.split('/').pop() ?? '';
    const found = dashboards[uid];
    return found
      ? {
          data: {
            dashboard: { ...found.dashboard, version: found.version },
            meta: { ...meta, version: found.version },
          },
        }
      : { status: 404, data: { message: 'Dashboard not found' } };
  };
  const save = (request: BackendSrvRequest): FakeReply => {
    const dashboard = (request.data as { dashboard: Record<string, unknown> }).dashboard;
    const uid = String(dashboard.uid);
    const existing = dashboards[uid];
    if (existing && dashboard.version !== existing.version) {
      return { status: 412, data: { status: 'version-mismatch', message: 'changed by someone else' } };
    }
    if (!existing && dashboard.version !== undefined) {
      return { status: 404, data: { message: 'Dashboard not found' } };
    }
    const version = (existing?.version ?? 0) + 1;
    dashboards[uid] = { dashboard, version };
    return { data: { uid, version } };
  };
  const calls = routes([
    ['GET', '/api/search', search],
    ['GET', /^\/api\/dashboards\/uid\//, load],
    ['POST', '/api/dashboards/db', save],
    ['GET', /^\/api\/folders\//, () => ({ data: { uid: 'slos', title: 'SLOs' } })],
  ]);
  const stored = (week: string): SharedReview | undefined => {
    const found = dashboards[`burnrate-review-${week}`];
    const decoded = found ? dashboardToReview(found.dashboard) : undefined;
    return decoded && 'review' in decoded ? decoded.review : undefined;
  };
  return { dashboards, calls, stored };
}

export function savedOnce(review: SharedReview) {
  return { [`burnrate-review-${review.week}`]: { dashboard: reviewToDashboard(review), version: 1 } };
}
