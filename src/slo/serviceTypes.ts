/**
 * What a type of service should measure (seed guide): the SLI kinds that fit it, each with why, and the
 * template of the editor that starts it where one exists.
 */
import type { ServiceType } from './catalogue';
import type { IndicatorType } from './types';

export type SliKind = 'availability' | 'latency' | 'error-rate' | 'throughput' | 'freshness' | 'quality';

export interface SliProposal {
  kind: SliKind;
  title: string;
  /** One line: why this SLI fits this type of service. */
  why: string;
  /** The indicator that measures it. */
  indicatorType: IndicatorType;
  /** Id of an SLO_TEMPLATES entry that starts this SLO, where one exists. */
  templateId?: string;
}

export const SLI_PROPOSALS: Readonly<Record<ServiceType, readonly SliProposal[]>> = {
  api: [
    {
      kind: 'availability',
      title: 'Availability',
      why: 'Callers need their requests to succeed: the share of requests without a 5xx.',
      indicatorType: 'ratio',
      templateId: 'api-availability',
    },
    {
      kind: 'latency',
      title: 'Latency',
      why: 'A slow answer is a failed answer for a caller with a timeout: the share under a threshold.',
      indicatorType: 'latency',
      templateId: 'api-latency',
    },
    {
      kind: 'error-rate',
      title: 'Error rate',
      why: 'Errors the caller sees, 4xx caused by the API included: bad requests over all requests.',
      indicatorType: 'ratio',
    },
  ],
  web: [
    {
      kind: 'availability',
      title: 'Availability',
      why: 'Pages must load: the share of page and asset requests served without an error.',
      indicatorType: 'ratio',
      templateId: 'api-availability',
    },
    {
      kind: 'latency',
      title: 'Latency (page load)',
      why: 'Users leave slow pages: the share of page loads faster than a threshold.',
      indicatorType: 'latency',
      templateId: 'api-latency',
    },
  ],
  batch: [
    {
      kind: 'freshness',
      title: 'Freshness',
      why: 'Consumers read what the last successful run produced: data younger than a limit.',
      indicatorType: 'threshold',
      templateId: 'pipeline-freshness',
    },
    {
      kind: 'quality',
      title: 'Completeness / quality',
      why: 'A run that drops or corrupts records fails silently: records processed over records received.',
      indicatorType: 'ratio',
      templateId: 'pipeline-completeness',
    },
    {
      kind: 'throughput',
      title: 'Throughput',
      why: 'The work must finish within its slot: records per second above a floor.',
      indicatorType: 'threshold',
    },
  ],
  streaming: [
    {
      kind: 'throughput',
      title: 'Throughput',
      why: 'A stream that slows down falls behind: events per second above a floor.',
      indicatorType: 'threshold',
    },
    {
      kind: 'freshness',
      title: 'Freshness / lag',
      why: 'Consumers act on recent events: consumer lag or event age under a limit.',
      indicatorType: 'threshold',
      templateId: 'pipeline-freshness',
    },
    {
      kind: 'error-rate',
      title: 'Error rate',
      why: 'Events that fail processing are lost or retried: failed events over all events.',
      indicatorType: 'ratio',
    },
  ],
};

export function proposalsFor(type: ServiceType): readonly SliProposal[] {
  return SLI_PROPOSALS[type];
}
