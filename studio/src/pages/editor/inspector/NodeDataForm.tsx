import type { NodeKindDescription } from '@baton/schemas/types';
import Form from '@rjsf/core';
import type { Experimental_DefaultFormStateBehavior, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo, useRef } from 'react';
import { uiSchemaFor, withEventSuggestions, withFieldTitles } from '../../../flow/formSchema.ts';
import { formValidator } from '../../../flow/formValidator.ts';
import type { NodeData } from '../../../flow/graph.ts';
import { ConditionField } from '../condition/ConditionField.tsx';
import { DurationWidget } from './widgets/DurationWidget.tsx';
import { PickerListWidget, PickerWidget } from './widgets/PickerWidget.tsx';

const fields = { condition: ConditionField };
const widgets = { picker: PickerWidget, pickerList: PickerListWidget, duration: DurationWidget };

/** New nodes get the defaults their schema declares for required fields; lists start empty. */
export const DEFAULTS_BEHAVIOR: Experimental_DefaultFormStateBehavior = {
  emptyObjectFields: 'populateRequiredDefaults',
  arrayMinItems: { populate: 'never' },
};

/** The form shows the data as it is: nothing is filled in that the document does not hold. */
const SHOW_AS_IS: Experimental_DefaultFormStateBehavior = {
  emptyObjectFields: 'skipDefaults',
  arrayMinItems: { populate: 'never' },
};

interface Props {
  kind: NodeKindDescription;
  /** Registered trigger events, offered wherever a field names events. */
  events: string[];
  data: NodeData;
  readOnly: boolean;
  onChange(data: NodeData): void;
}

/**
 * The form for a node's data, generated from its kind's JSON Schema (RJSF): every kind gets one,
 * plugins' kinds too, with the condition builder wherever the schema holds a condition.
 */
export function NodeDataForm({ kind, events, data, readOnly, onChange }: Props) {
  const schema = useMemo(() => {
    // The kind's title and description are already in the inspector's header.
    const { title: _t, description: _d, ...rest } = kind.dataSchema as Record<string, unknown>;
    return withFieldTitles(withEventSuggestions(rest, events)) as RJSFSchema;
  }, [kind.dataSchema, events]);
  const uiSchema = useMemo<UiSchema>(
    () => ({
      ...uiSchemaFor(kind.dataSchema as Record<string, unknown>),
      'ui:submitButtonOptions': { norender: true },
    }),
    [kind.dataSchema],
  );
  // RJSF may report its own normalisation of the data on mount: only a person's edits are changes.
  const touched = useRef(false);
  const touch = () => {
    touched.current = true;
  };
  return (
    <div onPointerDownCapture={touch} onKeyDownCapture={touch} onInputCapture={touch}>
      <Form
        className="node-form"
        schema={schema}
        uiSchema={uiSchema}
        formData={data}
        validator={formValidator}
        fields={fields}
        widgets={widgets}
        disabled={readOnly}
        noHtml5Validate
        experimental_defaultFormStateBehavior={SHOW_AS_IS}
        showErrorList={false}
        idPrefix={`node-${kind.type}`}
        onChange={(event) => {
          const next = (event.formData ?? {}) as NodeData;
          if (touched.current && JSON.stringify(next) !== JSON.stringify(data)) onChange(next);
        }}
      />
    </div>
  );
}
