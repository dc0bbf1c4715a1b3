import { css } from '@emotion/css';
import { AppEvents, BusEventWithPayload, type GrafanaTheme2, type NavModelItem } from '@grafana/data';
import { config, getAppEvents, locationService, type PluginPageProps } from '@grafana/runtime';
import { Alert, Stack, Tab, TabsBar, useStyles2 } from '@grafana/ui';
import React, { useEffect, useState } from 'react';

/** Page chrome of the preview: a top bar with the app's pages, a page header with title and tabs, and toasts. */

const getStyles = (theme: GrafanaTheme2) => ({
  shell: css({ minHeight: '100vh', background: theme.colors.background.canvas, color: theme.colors.text.primary }),
  topbar: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
  }),
  brand: css({ fontWeight: theme.typography.fontWeightMedium }),
  navLink: css({ color: theme.colors.text.secondary, '&:hover': { color: theme.colors.text.primary } }),
  activeLink: css({ color: theme.colors.text.primary, fontWeight: theme.typography.fontWeightMedium }),
  spacer: css({ flex: 1 }),
  user: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  page: css({ padding: theme.spacing(2, 3) }),
  header: css({ marginBottom: theme.spacing(2) }),
  breadcrumbs: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  title: css({ margin: theme.spacing(0.5, 0) }),
  subTitle: css({ color: theme.colors.text.secondary }),
  toasts: css({
    position: 'fixed',
    top: theme.spacing(7),
    right: theme.spacing(2),
    zIndex: theme.zIndex.portal,
    width: 400,
  }),
});

function breadcrumbs(nav?: NavModelItem): NavModelItem[] {
  const out: NavModelItem[] = [];
  for (let item = nav?.parentItem; item; item = item.parentItem) {
    out.unshift(item);
  }
  return out;
}

/** The PluginPage that Grafana gives plugins (runtime's default is a bare div): title, breadcrumbs, tabs. */
export function PreviewPluginPage({ pageNav, renderTitle, subTitle, actions, info, children }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const title = pageNav?.text ?? '';
  const tabs = pageNav?.children?.filter((c) => !c.hideFromTabs) ?? [];
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.breadcrumbs}>
          {breadcrumbs(pageNav)
            .filter((b) => !b.hideFromBreadcrumbs)
            .map((b) => (
              <span key={b.url ?? b.text}>
                {b.url ? <a href={b.url}>{b.text}</a> : b.text}
                {' › '}
              </span>
            ))}
        </div>
        <Stack justifyContent="space-between" alignItems="center">
          {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
          {actions && <Stack>{actions}</Stack>}
        </Stack>
        {info && (
          <Stack>
            {info.map((i) => (
              <span key={i.label}>
                {i.label}: {i.value}
              </span>
            ))}
          </Stack>
        )}
        {(subTitle ?? pageNav?.subTitle) && <div className={styles.subTitle}>{subTitle ?? pageNav?.subTitle}</div>}
        {tabs.length > 0 && (
          <TabsBar>
            {tabs.map((tab) => (
              <Tab
                key={tab.url ?? tab.text}
                label={tab.text}
                href={tab.url}
                active={tab.active}
                icon={tab.icon}
                counter={tab.tabCounter}
              />
            ))}
          </TabsBar>
        )}
      </header>
      {children}
    </div>
  );
}

class AlertSuccess extends BusEventWithPayload<unknown> {
  static type = AppEvents.alertSuccess.name;
}
class AlertError extends BusEventWithPayload<unknown> {
  static type = AppEvents.alertError.name;
}
class AlertWarning extends BusEventWithPayload<unknown> {
  static type = AppEvents.alertWarning.name;
}

interface Toast {
  id: number;
  severity: 'success' | 'error' | 'warning' | 'info';
  text: string;
}

/** Grafana's toasts for `appEvents.publish({ type: 'alert-success' | 'alert-error', payload: [text] })`. */
function Toasts() {
  const styles = useStyles2(getStyles);
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    let next = 0;
    const events = getAppEvents();
    const add = (severity: Toast['severity']) => (event: { payload: unknown }) => {
      const payload = Array.isArray(event.payload) ? event.payload : [event.payload];
      const text = payload
        .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : ''))
        .filter(Boolean)
        .join(': ');
      const id = next++;
      setToasts((list) => [...list, { id, severity, text }]);
      setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 5000);
    };
    const subs = [
      events.subscribe(AlertSuccess, add('success')),
      events.subscribe(AlertError, add('error')),
      events.subscribe(AlertWarning, add('warning')),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  }, []);
  return (
    <div className={styles.toasts}>
      {toasts.map((t) => (
        <Alert
          key={t.id}
          title={t.text}
          severity={t.severity}
          onRemove={() => setToasts((l) => l.filter((x) => x.id !== t.id))}
        />
      ))}
    </div>
  );
}

export interface NavLink {
  text: string;
  url: string;
}

/** The top bar: the app's pages (plugin.json includes) and its configuration page; role and theme switches. */
export function Shell({
  links,
  pathname,
  children,
}: {
  links: NavLink[];
  pathname: string;
  children: React.ReactNode;
}) {
  const styles = useStyles2(getStyles);
  const user = config.bootData.user;
  const otherTheme = config.theme2.isDark ? 'light' : 'dark';
  return (
    <div className={styles.shell}>
      <nav className={styles.topbar} data-testid="data-testid preview topbar">
        <span className={styles.brand}>Burnrate preview</span>
        {links.map((l) => (
          <a key={l.url} href={l.url} className={pathname.startsWith(l.url) ? styles.activeLink : styles.navLink}>
            {l.text}
          </a>
        ))}
        <span className={styles.spacer} />
        <span className={styles.user}>
          {user.name} ({user.orgRole}) ·{' '}
          {['Viewer', 'Editor', 'Admin']
            .filter((r) => r !== user.orgRole)
            .map((r) => (
              <a key={r} href={`${pathname}?role=${r}`} data-preview-reload className={styles.navLink}>
                as {r}{' '}
              </a>
            ))}
          ·{' '}
          <a href={`${pathname}?theme=${otherTheme}`} data-preview-reload className={styles.navLink}>
            {otherTheme} theme
          </a>
        </span>
      </nav>
      <Toasts />
      {children}
    </div>
  );
}

/**
 * Grafana intercepts clicks on same-origin links and pushes them to the location service instead of loading
 * the page again; apps rely on it for `<a href>`, `LinkButton` and tabs.
 */
export function interceptLinkClicks(): void {
  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest?.('a');
    const href = anchor?.getAttribute('href');
    if (!anchor || !href || anchor.hasAttribute('data-preview-reload') || anchor.hasAttribute('download')) {
      return;
    }
    if (anchor.target && anchor.target !== '_self') {
      return;
    }
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || href.startsWith('#')) {
      return;
    }
    event.preventDefault();
    locationService.push(url.pathname + url.search + url.hash);
  });
}
