import React, { useEffect, useRef } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { CodeEditor, useStyles2, type Monaco, type MonacoEditor } from '@grafana/ui';
import { promqlMarkers } from '../../promql/markers';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** The field's label, read out by screen readers. */
  ariaLabel: string;
  /** Set by Field on its child; a plain element must not receive it as a DOM attribute. */
  invalid?: boolean;
  testId: string;
}

const MARKER_OWNER = 'burnrate-promql';
const LINE_HEIGHT = 19;

/**
 * A PromQL expression in Grafana's code editor, its syntax error underlined where the parser stops (with
 * the message on hover). Highlighted as PromQL where the host has the language (Grafana registers it with
 * its Prometheus query editor); plain text otherwise.
 */
export function PromqlCodeField({ value, onChange, ariaLabel, testId }: Props) {
  const styles = useStyles2(getStyles);
  const mounted = useRef<{ editor: MonacoEditor; monaco: Monaco }>();
  const lines = Math.min(8, Math.max(2, value.split('\n').length));

  const mark = (text: string) => {
    const model = mounted.current?.editor.getModel();
    if (!mounted.current || !model) {
      return;
    }
    const { monaco } = mounted.current;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      promqlMarkers(text).map((marker) => ({ ...marker, severity: monaco.MarkerSeverity.Error }))
    );
  };
  useEffect(() => mark(value), [value]);

  return (
    <div className={styles.field} data-testid={testId}>
      <CodeEditor
        value={value}
        language="plaintext"
        height={lines * LINE_HEIGHT + 10}
        showLineNumbers={false}
        showMiniMap={false}
        monacoOptions={{
          ariaLabel,
          wordWrap: 'on',
          scrollBeyondLastLine: false,
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          fixedOverflowWidgets: true,
          folding: false,
        }}
        onChange={onChange}
        onBlur={onChange}
        onEditorDidMount={(editor, monaco) => {
          mounted.current = { editor, monaco };
          const model = editor.getModel();
          if (model && monaco.languages.getLanguages().some((l) => l.id === 'promql')) {
            monaco.editor.setModelLanguage(model, 'promql');
          }
          mark(editor.getValue());
        }}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  field: css({
    width: '100%',
    border: `1px solid ${theme.components.input.borderColor}`,
    borderRadius: theme.shape.radius.default,
  }),
});
