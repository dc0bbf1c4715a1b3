import type { BudgetStatus } from '../../slo/budget';
import type { Catalogue, Service } from '../../slo/catalogue';
import { worstStatus, type StepStatus } from '../../slo/journeyHealth';
import type { ValidationIssue } from '../../slo/types';

export interface ServiceRow {
  service: Service;
  sloCount: number;
  /** The worst status of its SLOs; undefined for a service without SLOs. */
  status?: StepStatus;
}

/** One row per catalogued service, with its SLOs counted by their `service` field (case aside). */
export function buildServiceRows(
  catalogue: Catalogue,
  slos: ReadonlyArray<{ service: string; status?: BudgetStatus }>
): ServiceRow[] {
  return catalogue.services.map((service) => {
    const own = slos.filter((s) => s.service.trim().toLowerCase() === service.name.trim().toLowerCase());
    return {
      service,
      sloCount: own.length,
      status: worstStatus(own.map((s) => s.status ?? 'no-data')),
    };
  });
}

/** SLO services that the catalogue lacks, sorted: offered as a hint to add them. */
export function uncataloguedServices(catalogue: Catalogue, slos: ReadonlyArray<{ service: string }>): string[] {
  const known = new Set(catalogue.services.map((s) => s.name.trim().toLowerCase()));
  return [...new Set(slos.map((s) => s.service).filter((name) => !known.has(name.trim().toLowerCase())))].sort();
}

/**
 * The issues of one entry (`services[2]`) keyed by its own field path (`name`, `steps[0].sloUid`), so that
 * a form shows each under its field.
 */
export function issuesOfEntry(issues: ValidationIssue[], prefix: string): Map<string, ValidationIssue[]> {
  const out = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    if (issue.path.startsWith(`${prefix}.`)) {
      const field = issue.path.slice(prefix.length + 1);
      out.set(field, [...(out.get(field) ?? []), issue]);
    }
  }
  return out;
}
