import React, { useMemo } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Field, Stack, Text, useStyles2 } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import { testIds } from '../../components/testIds';
import { withContext, type DiffLine } from './lineDiff';
import { reviewSlo } from './review';
import { EditImpact } from './EditImpact';
import type { PreviewReader } from './sliPreviewData';
import { DatasourceMove } from './DatasourceMove';
import { datasourceOf } from '../../slo/datasource';

interface Props {
  /** The SLO as it would be saved; undefined while it has errors. */
  slo?: Slo;
  /** The saved version, when editing. */
  saved?: Slo;
  evaluationInterval: string;
  /** Replays the new definition (and the old one on the same datasource); absent without a datasource. */
  reader?: PreviewReader;
  /** Replays the saved definition when the edit moves the SLO to another datasource. */
  savedReader?: PreviewReader;
  /** The app's default datasource, which an SLO naming none lives on. */
  defaultDatasourceUid?: string;
}

/** The exact rules and OpenSLO documents a save produces, and what it changes against the saved version. */
export function ReviewPane({ slo, saved, evaluationInterval, reader, savedReader, defaultDatasourceUid = '' }: Props) {
  const styles = useStyles2(getStyles);
  const review = useMemo(
    () => (slo ? reviewSlo(slo, evaluationInterval, saved) : undefined),
    [slo, saved, evaluationInterval]
  );
  if (!review) {
    return (
      <Alert title="Nothing to review yet" severity="info" data-testid={testIds.sloEditor.reviewInvalid}>
        Fix the problems of the SLO first: the review shows the rules of a valid SLO.
      </Alert>
    );
  }
  return (
    <Stack direction="column" gap={2}>
      {review.diff && (
        <div data-testid={testIds.sloEditor.reviewDiff}>
          <Field label="Changes against the saved version" description="The stored document, then the rules">
            {review.diff.changed ? (
              <div className={styles.code}>
                <DiffBlock lines={review.diff.document} />
                <DiffBlock lines={review.diff.rules} />
              </div>
            ) : (
              <Text color="secondary">No changes.</Text>
            )}
          </Field>
        </div>
      )}
      {slo && saved && <Move slo={slo} saved={saved} defaultUid={defaultDatasourceUid} />}
      {slo && saved && review.diff?.changed && (
        <EditImpact
          slo={slo}
          saved={saved}
          evaluationInterval={evaluationInterval}
          reader={reader}
          savedReader={savedReader}
        />
      )}
      <Field label="Prometheus rules" description="The rule file the SLO will have (recording rules and alerts)">
        <pre className={styles.code} data-testid={testIds.sloEditor.reviewRules} tabIndex={0}>
          {review.rules}
        </pre>
      </Field>
      <Field label="OpenSLO v1" description="The same SLO as OpenSLO documents">
        <pre className={styles.code} data-testid={testIds.sloEditor.reviewOpenSlo} tabIndex={0}>
          {review.openSlo}
        </pre>
      </Field>
    </Stack>
  );
}

/** The datasource move of an edit, if it makes one: from where the saved SLO's history and rules are. */
function Move({ slo, saved, defaultUid }: { slo: Slo; saved: Slo; defaultUid: string }) {
  const from = datasourceOf(saved, defaultUid);
  const to = datasourceOf(slo, defaultUid);
  return from !== '' && to !== '' && from !== to ? <DatasourceMove from={from} to={to} /> : null;
}

export function DiffBlock({ lines }: { lines: DiffLine[] }) {
  const styles = useStyles2(getStyles);
  if (!lines.some((l) => l.kind !== 'same')) {
    return null;
  }
  return (
    <pre className={styles.diff} tabIndex={0}>
      {withContext(lines).map((line, i) =>
        line.kind === 'skipped' ? (
          <div key={i} className={styles.skipped}>
            … {line.count} unchanged {line.count === 1 ? 'line' : 'lines'}
          </div>
        ) : (
          <div key={i} className={cx(line.kind === 'added' && styles.added, line.kind === 'removed' && styles.removed)}>
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
            {line.text}
          </div>
        )
      )}
    </pre>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    maxHeight: theme.spacing(60),
    overflow: 'auto',
    margin: 0,
  }),
  diff: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    margin: 0,
    marginBottom: theme.spacing(1),
    whiteSpace: 'pre',
  }),
  added: css({ background: theme.colors.success.transparent, color: theme.colors.success.text }),
  removed: css({ background: theme.colors.error.transparent, color: theme.colors.error.text }),
  skipped: css({ color: theme.colors.text.secondary }),
});
