import type { WidgetProps } from '@rjsf/utils';
import { Combobox } from '../../../../components/Combobox.tsx';
import { PICKER_NOUN, type PickerInput, usePickerOptions } from '../../../../hooks/usePickerOptions.ts';

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

/** One agent, team, queue, person, policy, plugin, event or template, chosen by name. */
export function PickerWidget({ id, value, onChange, disabled, readonly, label, options }: WidgetProps) {
  const input = options.input as PickerInput;
  const { options: choices, isLoading } = usePickerOptions(input);
  const noun = PICKER_NOUN[input] ?? 'value';
  return (
    <Combobox
      id={id}
      ariaLabel={label || noun}
      placeholder={`Choose ${article(noun)} ${noun}`}
      options={choices}
      isLoading={isLoading}
      disabled={disabled || readonly}
      value={typeof value === 'string' && value ? value : undefined}
      onChange={(next) => onChange(next)}
    />
  );
}

/** Several of them (a list field whose items carry the annotation). */
export function PickerListWidget({ id, value, onChange, disabled, readonly, label, options }: WidgetProps) {
  const input = options.input as PickerInput;
  const { options: choices, isLoading } = usePickerOptions(input);
  const noun = PICKER_NOUN[input] ?? 'value';
  const list = Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as string[]) : [];
  return (
    <Combobox
      multiple
      id={id}
      ariaLabel={label || `${noun}s`}
      placeholder={`Add ${article(noun)} ${noun}`}
      options={choices}
      isLoading={isLoading}
      disabled={disabled || readonly}
      value={list}
      onChange={(next) => onChange(next.length ? next : undefined)}
    />
  );
}
