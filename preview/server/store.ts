import fs from 'node:fs';
import path from 'node:path';

/** A dashboard as the preview stores it: the JSON the app saved, and the metadata Grafana keeps beside it. */
export interface StoredDashboard {
  id: number;
  uid: string;
  title: string;
  folderUid: string;
  version: number;
  tags: string[];
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
  /** From a provisioning file; `allowUiUpdates` of its provider lets users save over it. */
  provisioned: boolean;
  allowUiUpdates?: boolean;
  dashboard: Record<string, unknown>;
}

/** One saved version of a dashboard, as Grafana keeps it on each save: the JSON saved, who, when, and why. */
export interface StoredDashboardVersion {
  id: number;
  version: number;
  parentVersion: number;
  created: string;
  createdBy: string;
  message: string;
  data: Record<string, unknown>;
}

export interface StoredFolder {
  id: number;
  uid: string;
  title: string;
  parentUid?: string;
  version: number;
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
}

export interface StoredPluginSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
  /** Names of the secure fields that are set; their values are never returned, as in Grafana. */
  secureJsonFields: Record<string, boolean>;
}

export interface State {
  nextId: number;
  dashboards: Record<string, StoredDashboard>;
  /** The saved versions of each dashboard by its uid, oldest first. */
  dashboardVersions: Record<string, StoredDashboardVersion[]>;
  folders: Record<string, StoredFolder>;
  plugins: Record<string, StoredPluginSettings>;
}

const STATE_FILE = 'state.json';

export function emptyState(): State {
  return { nextId: 1, dashboards: {}, dashboardVersions: {}, folders: {}, plugins: {} };
}

/**
 * The preview's whole "database": one JSON file in the data directory, rewritten (write then rename) after
 * every change, so that data survives a page reload and a server restart.
 */
export class Store {
  readonly state: State;
  readonly fresh: boolean;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, STATE_FILE);
    this.fresh = !fs.existsSync(file);
    this.state = this.fresh ? emptyState() : { ...emptyState(), ...JSON.parse(fs.readFileSync(file, 'utf8')) };
  }

  nextId(): number {
    return this.state.nextId++;
  }

  save(): void {
    const file = path.join(this.dir, STATE_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 1));
    fs.renameSync(tmp, file);
  }
}
