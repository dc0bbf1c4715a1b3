/**
 * OpenSLO v1 documents as Burnrate reads them: the kinds, their schema in its strict and loose forms,
 * and the index of a file's documents by kind and name that references are resolved in.
 */
import { z } from 'zod';
import { objectSchema, type DocumentSchemas } from '../document';

export const OPENSLO_API_VERSION = 'openslo/v1';
export const OPENSLO_KINDS = [
  'SLO',
  'SLI',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
] as const;
export type OpenSloKind = (typeof OPENSLO_KINDS)[number];

function buildSchema(strict: boolean) {
  const obj = objectSchema(strict);
  const text = z.string();
  const number = z.union([z.number(), z.string()]);
  const metadata = obj({
    name: z.string(),
    displayName: text.optional(),
    labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  });
  const metric = obj({
    metricSource: obj({
      metricSourceRef: text.optional(),
      type: text.optional(),
      // Open-ended: each source type has its own fields.
      spec: z.record(z.string(), z.unknown()).optional(),
    }),
  });
  const sliSpec = obj({
    description: text.optional(),
    thresholdMetric: metric.optional(),
    ratioMetric: obj({
      counter: z.boolean().optional(),
      good: metric.optional(),
      bad: metric.optional(),
      total: metric.optional(),
      rawType: text.optional(),
      raw: metric.optional(),
    }).optional(),
  });
  const conditionSpec = obj({
    description: text.optional(),
    severity: text.optional(),
    condition: obj({
      kind: text.optional(),
      op: text.optional(),
      threshold: number.optional(),
      lookbackWindow: text.optional(),
      alertAfter: text.optional(),
    }),
  });
  const policySpec = obj({
    description: text.optional(),
    alertWhenNoData: z.boolean().optional(),
    alertWhenResolved: z.boolean().optional(),
    alertWhenBreaching: z.boolean().optional(),
    conditions: z
      .array(
        obj({
          conditionRef: text.optional(),
          kind: text.optional(),
          metadata: metadata.optional(),
          spec: conditionSpec.optional(),
        })
      )
      .optional(),
    // Notification targets are checked (documents.ts) but not imported.
    notificationTargets: z
      .array(
        obj({
          targetRef: text.optional(),
          kind: text.optional(),
          metadata: metadata.optional(),
          spec: obj({ description: text.optional(), target: text.optional() }).optional(),
        })
      )
      .optional(),
  });
  const sloSpec = obj({
    description: text.optional(),
    service: z.string(),
    indicator: obj({ metadata: metadata.optional(), spec: sliSpec }).optional(),
    indicatorRef: text.optional(),
    timeWindow: z
      .array(
        obj({
          duration: z.string(),
          isRolling: z.boolean().optional(),
          calendar: obj({ startTime: text.optional(), timeZone: text.optional() }).optional(),
        })
      )
      .optional(),
    budgetingMethod: text.optional(),
    objectives: z
      .array(
        obj({
          displayName: text.optional(),
          op: text.optional(),
          value: number.optional(),
          target: number.optional(),
          targetPercent: number.optional(),
          timeSliceTarget: number.optional(),
          timeSliceWindow: number.optional(),
          indicator: z.unknown().optional(),
          indicatorRef: text.optional(),
          compositeWeight: number.optional(),
        })
      )
      .min(1),
    // An empty `alertPolicies:` is null; an entry may be a policy's name alone, as the v1 JSON schema allows.
    alertPolicies: z
      .array(
        z.union([
          z.string(),
          obj({
            alertPolicyRef: text.optional(),
            kind: text.optional(),
            metadata: metadata.optional(),
            spec: policySpec.optional(),
          }),
        ])
      )
      .nullable()
      .optional(),
  });
  const doc = <K extends OpenSloKind, S extends z.ZodType>(kind: K, spec: S) =>
    obj({ apiVersion: z.literal(OPENSLO_API_VERSION), kind: z.literal(kind), metadata, spec });
  return z.discriminatedUnion('kind', [
    doc('SLO', sloSpec),
    doc('SLI', sliSpec),
    doc('Service', obj({ description: text.optional() }).optional()),
    doc('AlertPolicy', policySpec),
    doc('AlertCondition', conditionSpec),
    doc('AlertNotificationTarget', obj({ description: text.optional(), target: text.optional() })),
    doc(
      'DataSource',
      obj({ description: text.optional(), type: text.optional(), connectionDetails: z.unknown().optional() })
    ),
  ]);
}

export const openSloSchemas: DocumentSchemas<ReturnType<typeof buildSchema>> = {
  strict: buildSchema(true),
  loose: buildSchema(false),
};

export type OpenSloDocument = z.output<ReturnType<typeof buildSchema>>;
type DocOf<K extends OpenSloKind> = Extract<OpenSloDocument, { kind: K }>;
export type SloSpec = DocOf<'SLO'>['spec'];
export type SliSpec = DocOf<'SLI'>['spec'];
export type ObjectiveSpec = SloSpec['objectives'][number];
export type PolicySpec = DocOf<'AlertPolicy'>['spec'];
export type ConditionSpec = DocOf<'AlertCondition'>['spec'];
export type MetricSpec = NonNullable<SliSpec['thresholdMetric']>;
export type TimeWindowSpec = NonNullable<SloSpec['timeWindow']>[number];

/** One parsed OpenSLO document of a file, with where it is. */
export interface OpenSloInput {
  doc: OpenSloDocument;
  document: number;
  /** Path of the document inside its YAML document ('' or `items[2].`). */
  prefix: string;
  /** The file it is in, when several files are read as one catalogue. */
  file?: string;
}

export type Located<K extends OpenSloKind> = OpenSloInput & { doc: DocOf<K> };

/** The documents of a file by kind and name, to resolve references. */
export interface FileIndex {
  /** Where names are looked up, for messages: "this file" or "the files read". */
  scope: string;
  SLI: Map<string, Located<'SLI'>>;
  Service: Map<string, Located<'Service'>>;
  AlertPolicy: Map<string, Located<'AlertPolicy'>>;
  AlertCondition: Map<string, Located<'AlertCondition'>>;
  DataSource: Map<string, Located<'DataSource'>>;
  AlertNotificationTarget: Map<string, Located<'AlertNotificationTarget'>>;
}

/** An index with no documents. */
export function emptyIndex(scope = 'this file'): FileIndex {
  return {
    scope,
    SLI: new Map(),
    Service: new Map(),
    AlertPolicy: new Map(),
    AlertCondition: new Map(),
    DataSource: new Map(),
    AlertNotificationTarget: new Map(),
  };
}

/** A duration written with one unit; M, Q and Y are calendar units with no fixed length. */
export const SHORTHAND = /^(\d+)([mhdwMQY])$/;
