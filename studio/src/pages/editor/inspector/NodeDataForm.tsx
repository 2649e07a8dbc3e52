import type { NodeKindDescription } from '@baton/schemas/types';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { uiSchemaFor } from '../../../flow/formSchema.ts';
import { formValidator } from '../../../flow/formValidator.ts';
import type { NodeData } from '../../../flow/graph.ts';
import { ConditionField } from '../condition/ConditionField.tsx';

const fields = { condition: ConditionField };

interface Props {
  kind: NodeKindDescription;
  data: NodeData;
  readOnly: boolean;
  onChange(data: NodeData): void;
}

/**
 * The form for a node's data, generated from its kind's JSON Schema (RJSF): every kind gets one,
 * plugins' kinds too, with the condition builder wherever the schema holds a condition.
 */
export function NodeDataForm({ kind, data, readOnly, onChange }: Props) {
  const schema = useMemo(() => {
    // The kind's title and description are already in the inspector's header.
    const { title: _t, description: _d, ...rest } = kind.dataSchema as Record<string, unknown>;
    return rest as RJSFSchema;
  }, [kind.dataSchema]);
  const uiSchema = useMemo<UiSchema>(
    () => ({
      ...uiSchemaFor(kind.dataSchema as Record<string, unknown>),
      'ui:submitButtonOptions': { norender: true },
    }),
    [kind.dataSchema],
  );
  return (
    <Form
      className="node-form"
      schema={schema}
      uiSchema={uiSchema}
      formData={data}
      validator={formValidator}
      fields={fields}
      disabled={readOnly}
      noHtml5Validate
      showErrorList={false}
      idPrefix={`node-${kind.type}`}
      onChange={(event) => {
        const next = (event.formData ?? {}) as NodeData;
        if (JSON.stringify(next) !== JSON.stringify(data)) onChange(next);
      }}
    />
  );
}
