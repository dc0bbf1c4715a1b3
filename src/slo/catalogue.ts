/**
 * The catalogue of services and user journeys (issue 6). Pure model, schema and validation; it is stored
 * as one storage dashboard next to the SLOs (storage/catalogueDashboard.ts, api/catalogueStore.ts).
 */
import { z } from 'zod';
import type { TierName, ValidationIssue } from './types';
import { TIER_NAMES } from './tiers';
import { quote } from './quote';

export type ServiceType = 'api' | 'web' | 'batch' | 'streaming';

export const SERVICE_TYPES: readonly ServiceType[] = ['api', 'web', 'batch', 'streaming'];

export const SERVICE_TYPE_TITLES: Readonly<Record<ServiceType, string>> = {
  api: 'API',
  web: 'Web',
  batch: 'Batch',
  streaming: 'Streaming',
};

export interface Service {
  /** Matches the `service` field of SLOs. */
  name: string;
  type: ServiceType;
  tier?: TierName;
  description?: string;
  owner?: string;
}

export interface JourneyStep {
  title: string;
  sloUid: string;
}

/** A user journey ("User login"): SLOs as ordered steps; its health is the worst step's. */
export interface Journey {
  name: string;
  description?: string;
  /**
   * The SLO of the journey as a whole, end to end (a synthetic check, the front door), if it has one: while
   * it pages, the pages of its steps are held back (Alertmanager inhibit rules, rules/inhibitRules.ts).
   */
  sloUid?: string;
  steps: JourneyStep[];
}

export interface Catalogue {
  services: Service[];
  journeys: Journey[];
}

export const CATALOGUE_API_VERSION = 'burnrate.dev/v1';
export const CATALOGUE_KIND = 'Catalogue';

export const EMPTY_CATALOGUE: Catalogue = { services: [], journeys: [] };

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const serviceSchema = z.object({
  name: z.string().trim(),
  type: z.enum(['api', 'web', 'batch', 'streaming']),
  tier: z.enum(TIER_NAMES as [TierName, ...TierName[]]).optional(),
  description: optionalText,
  owner: optionalText,
});

const journeySchema = z.object({
  name: z.string().trim(),
  description: optionalText,
  sloUid: optionalText,
  steps: z.array(z.object({ title: z.string().trim(), sloUid: z.string().trim() })),
});

/** The stored document: `apiVersion: burnrate.dev/v1`, `kind: Catalogue`. */
export const catalogueDocumentSchema = z.object({
  apiVersion: z.literal(CATALOGUE_API_VERSION),
  kind: z.literal(CATALOGUE_KIND),
  services: z.array(serviceSchema).default([]),
  journeys: z.array(journeySchema).default([]),
});

export type CatalogueDocument = { apiVersion: typeof CATALOGUE_API_VERSION; kind: typeof CATALOGUE_KIND } & Catalogue;

export type ParseCatalogueResult = { catalogue: Catalogue } | { issues: ValidationIssue[] };

/** A catalogue from its stored document, or every structural problem with its field path. */
export function parseCatalogueDocument(value: unknown): ParseCatalogueResult {
  const parsed = catalogueDocumentSchema.safeParse(value);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, ''),
        message: issue.message,
        severity: 'error' as const,
      })),
    };
  }
  return { catalogue: { services: parsed.data.services, journeys: parsed.data.journeys } };
}

/** The stored document of a catalogue; empty optional fields are left out. */
export function toCatalogueDocument(catalogue: Catalogue): CatalogueDocument {
  return { apiVersion: CATALOGUE_API_VERSION, kind: CATALOGUE_KIND, ...catalogue };
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' });

/** Lower-cased and trimmed: "Checkout" and "checkout " are the same name. */
const nameKey = (name: string) => name.trim().toLowerCase();

function duplicateNameIssues(names: string[], prefix: string, what: string): ValidationIssue[] {
  const seen = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  names.forEach((name, i) => {
    if (name.trim() === '') {
      return;
    }
    const first = seen.get(nameKey(name));
    if (first !== undefined) {
      issues.push(error(`${prefix}[${i}].name`, `${what} ${quote(name)} already exists (${prefix}[${first}])`));
    } else {
      seen.set(nameKey(name), i);
    }
  });
  return issues;
}

export function validateService(service: Service, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (service.name.trim() === '') {
    issues.push(error(`${path}.name`, 'Service name is required'));
  }
  if (!SERVICE_TYPES.includes(service.type)) {
    issues.push(error(`${path}.type`, `must be one of ${SERVICE_TYPES.join(', ')}`));
  }
  return issues;
}

/**
 * Every problem of a journey: a name, at least one step, a title per step, and each step's SLO (and the
 * journey's own) among `knownSloUids` (when given; a journey may outlive an SLO, so this is checked on save, not on load).
 */
export function validateJourney(journey: Journey, path: string, knownSloUids?: ReadonlySet<string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (journey.name.trim() === '') {
    issues.push(error(`${path}.name`, 'Journey name is required'));
  }
  if (journey.steps.length === 0) {
    issues.push(error(`${path}.steps`, 'A journey needs at least one step'));
  }
  if (journey.sloUid !== undefined && knownSloUids && !knownSloUids.has(journey.sloUid)) {
    issues.push(error(`${path}.sloUid`, `unknown SLO ${quote(journey.sloUid)}`));
  }
  const seenSlos = new Set<string>();
  journey.steps.forEach((step, i) => {
    const stepPath = `${path}.steps[${i}]`;
    if (step.title.trim() === '') {
      issues.push(error(`${stepPath}.title`, 'Step title is required'));
    }
    if (step.sloUid.trim() === '') {
      issues.push(error(`${stepPath}.sloUid`, 'Choose the SLO of this step'));
    } else if (knownSloUids && !knownSloUids.has(step.sloUid)) {
      issues.push(error(`${stepPath}.sloUid`, `unknown SLO ${quote(step.sloUid)}`));
    } else if (seenSlos.has(step.sloUid)) {
      issues.push({
        path: `${stepPath}.sloUid`,
        message: 'this SLO is already a step of the journey',
        severity: 'warning',
      });
    }
    seenSlos.add(step.sloUid);
  });
  return issues;
}

/** Every problem of a catalogue, by field path, ordered by kind of check (`services[1].name`, `journeys[0].steps[2].sloUid`). */
export function validateCatalogue(catalogue: Catalogue, knownSloUids?: ReadonlySet<string>): ValidationIssue[] {
  return [
    ...catalogue.services.flatMap((s, i) => validateService(s, `services[${i}]`)),
    ...duplicateNameIssues(
      catalogue.services.map((s) => s.name),
      'services',
      'Service'
    ),
    ...catalogue.journeys.flatMap((j, i) => validateJourney(j, `journeys[${i}]`, knownSloUids)),
    ...duplicateNameIssues(
      catalogue.journeys.map((j) => j.name),
      'journeys',
      'Journey'
    ),
  ];
}

export function findService(catalogue: Catalogue, name: string): Service | undefined {
  return catalogue.services.find((s) => nameKey(s.name) === nameKey(name));
}

/** The catalogue with `service` in place of the one named `previousName` (or added when absent). */
export function withService(catalogue: Catalogue, service: Service, previousName?: string): Catalogue {
  const index = previousName === undefined ? -1 : catalogue.services.findIndex((s) => s.name === previousName);
  const services =
    index >= 0 ? catalogue.services.map((s, i) => (i === index ? service : s)) : [...catalogue.services, service];
  return { ...catalogue, services };
}

export function withoutService(catalogue: Catalogue, name: string): Catalogue {
  return { ...catalogue, services: catalogue.services.filter((s) => s.name !== name) };
}

export function withJourney(catalogue: Catalogue, journey: Journey, previousName?: string): Catalogue {
  const index = previousName === undefined ? -1 : catalogue.journeys.findIndex((j) => j.name === previousName);
  const journeys =
    index >= 0 ? catalogue.journeys.map((j, i) => (i === index ? journey : j)) : [...catalogue.journeys, journey];
  return { ...catalogue, journeys };
}

export function withoutJourney(catalogue: Catalogue, name: string): Catalogue {
  return { ...catalogue, journeys: catalogue.journeys.filter((j) => j.name !== name) };
}
