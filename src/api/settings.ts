import { z } from 'zod';
import pluginJson from '../plugin.json';
import { parseAppSettings, type AppSettings } from '../settings';
import { fetchParsed } from './http';

const SETTINGS_URL = `/api/plugins/${pluginJson.id}/settings`;

const settingsResponseSchema = z.looseObject({
  enabled: z.boolean().optional().catch(undefined),
  pinned: z.boolean().optional().catch(undefined),
  jsonData: z.unknown().optional(),
});

export interface PluginSettings {
  enabled: boolean;
  pinned: boolean;
  settings: AppSettings;
}

export async function getPluginSettings(): Promise<PluginSettings> {
  const data = await fetchParsed({ url: SETTINGS_URL }, settingsResponseSchema, 'Loading the app settings');
  return { enabled: data.enabled ?? false, pinned: data.pinned ?? false, settings: parseAppSettings(data.jsonData) };
}

/** Saves the settings (org admins only); Grafana answers 403 to anyone else. */
export async function savePluginSettings({ enabled, pinned, settings }: PluginSettings): Promise<void> {
  await fetchParsed(
    { url: SETTINGS_URL, method: 'POST', data: { enabled, pinned, jsonData: settings } },
    z.unknown(),
    'Saving the app settings'
  );
}
