import {
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldColorModeId,
  FieldConfigProperty,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type TransformerRegistryItem,
} from '@grafana/data';

/**
 * The registries Grafana fills at start-up. Field config items carry Grafana's processors and defaults (so
 * colours, units, thresholds and mappings apply); their editors are empty: the preview has no panel editor.
 */

const noEditor = () => null;

function item(
  id: string,
  process: FieldConfigPropertyItem['process'],
  extra: Partial<FieldConfigPropertyItem> = {}
): FieldConfigPropertyItem {
  return {
    id,
    path: id,
    name: id,
    editor: noEditor,
    override: noEditor,
    process,
    shouldApply: () => true,
    ...extra,
  };
}

export function initRegistries(): void {
  standardFieldConfigEditorRegistry.setInit(() => [
    item(FieldConfigProperty.Unit, unitOverrideProcessor),
    item(FieldConfigProperty.Min, numberOverrideProcessor, { shouldApply: (f) => f.type === 'number' }),
    item(FieldConfigProperty.Max, numberOverrideProcessor, { shouldApply: (f) => f.type === 'number' }),
    item('fieldMinMax', identityOverrideProcessor),
    item(FieldConfigProperty.Decimals, numberOverrideProcessor),
    item(FieldConfigProperty.DisplayName, displayNameOverrideProcessor),
    item(FieldConfigProperty.NoValue, stringOverrideProcessor),
    item(FieldConfigProperty.Color, identityOverrideProcessor, {
      settings: { byValueSupport: true, preferThresholdsMode: true },
      defaultValue: { mode: FieldColorModeId.PaletteClassic },
    }),
    item(FieldConfigProperty.Thresholds, thresholdsOverrideProcessor, {
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
    }),
    item(FieldConfigProperty.Mappings, valueMappingsOverrideProcessor, { defaultValue: [] }),
    item(FieldConfigProperty.Links, dataLinksOverrideProcessor, { defaultValue: [] }),
    item(FieldConfigProperty.Actions, identityOverrideProcessor, { defaultValue: [] }),
    item(FieldConfigProperty.Filterable, identityOverrideProcessor),
  ]);

  standardTransformersRegistry.setInit(() => {
    const seen = new Set<string>();
    const items: TransformerRegistryItem[] = [];
    for (const transformer of Object.values(standardTransformers)) {
      if (seen.has(transformer.id)) {
        continue;
      }
      seen.add(transformer.id);
      items.push({
        id: transformer.id,
        name: transformer.name,
        description: transformer.description,
        transformation: transformer,
        editor: noEditor,
        imageDark: '',
        imageLight: '',
      });
    }
    return items;
  });
}
