import { useId, useMemo, useRef, useState } from 'react';
import type { PickerOption } from '../api/pickers.ts';

interface CommonProps {
  options: PickerOption[];
  /** Read to a screen reader and shown when nothing is chosen: “Choose an agent”. */
  placeholder: string;
  ariaLabel: string;
  disabled?: boolean;
  isLoading?: boolean;
  /** Values that are not among the options (a value typed in a document by hand) still show. */
  id?: string;
}

interface SingleProps extends CommonProps {
  multiple?: false;
  value: string | undefined;
  onChange(value: string | undefined): void;
}

interface MultiProps extends CommonProps {
  multiple: true;
  value: string[];
  onChange(value: string[]): void;
}

const MAX_SHOWN = 50;

function matches(option: PickerOption, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return option.label.toLowerCase().includes(q) || (option.hint ?? '').toLowerCase().includes(q);
}

/**
 * A searchable picker: type to filter by name (or by the hint: a team, an email), arrows and Enter
 * to choose. One value, or several shown as removable chips. Values the options do not know are
 * shown as they are, marked, so a document edited elsewhere is never silently rewritten.
 */
export function Combobox(props: SingleProps | MultiProps) {
  const { options, placeholder, ariaLabel, disabled, isLoading } = props;
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const chosen = props.multiple ? props.value : props.value ? [props.value] : [];
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const shown = useMemo(
    () =>
      options
        .filter((o) => matches(o, query) && !(props.multiple && chosen.includes(o.value)))
        .slice(0, MAX_SHOWN),
    [options, query, props.multiple, chosen],
  );

  const choose = (option: PickerOption) => {
    if (props.multiple) props.onChange([...props.value, option.value]);
    else props.onChange(option.value);
    setQuery('');
    setOpen(props.multiple === true);
    setActive(0);
  };
  const remove = (value: string) => {
    if (props.multiple) props.onChange(props.value.filter((v) => v !== value));
    else props.onChange(undefined);
  };
  const single = !props.multiple ? chosen[0] : undefined;
  const singleLabel = single ? (byValue.get(single)?.label ?? `${single} (unknown)`) : '';

  return (
    <div className={`combo${disabled ? ' combo-disabled' : ''}`}>
      {props.multiple && chosen.length > 0 && (
        <ul className="combo-chips" aria-label={`${ariaLabel}: chosen`}>
          {chosen.map((value) => {
            const option = byValue.get(value);
            return (
              <li
                key={value}
                className={`combo-chip${option ? '' : ' combo-chip-unknown'}`}
                title={option?.hint}
              >
                {option?.label ?? `${value} (unknown)`}
                {!disabled && (
                  <button
                    type="button"
                    aria-label={`Remove ${option?.label ?? value}`}
                    onClick={() => remove(value)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="combo-field">
        <input
          ref={input}
          id={props.id}
          role="combobox"
          aria-label={ariaLabel}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          disabled={disabled}
          placeholder={isLoading ? 'Loading…' : props.multiple || !single ? placeholder : singleLabel}
          value={open ? query : props.multiple ? query : singleLabel}
          onFocus={() => {
            setOpen(true);
            setQuery('');
          }}
          onBlur={() => setTimeout(() => setOpen(false), 120)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((i) => Math.min(i + 1, shown.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(i - 1, 0));
            } else if (e.key === 'Enter') {
              const option = shown[active];
              if (open && option) {
                e.preventDefault();
                choose(option);
              }
            } else if (e.key === 'Escape') {
              setOpen(false);
            } else if (e.key === 'Backspace' && props.multiple && query === '' && chosen.length) {
              remove(chosen[chosen.length - 1] as string);
            }
          }}
        />
        {!props.multiple && single && !disabled && (
          <button
            type="button"
            className="combo-clear"
            aria-label={`Clear ${ariaLabel}`}
            onClick={() => remove(single)}
          >
            ×
          </button>
        )}
      </div>
      {open && !disabled && (
        <div className="combo-list" id={listId} role="listbox" aria-label={ariaLabel}>
          {shown.length === 0 && (
            <div className="combo-empty">
              {isLoading ? 'Loading…' : query ? `Nothing matches “${query}”` : 'Nothing to choose'}
            </div>
          )}
          {shown.map((option, i) => (
            <div
              key={option.value}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`combo-option${i === active ? ' combo-option-active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="combo-option-label">{option.label}</span>
              {option.hint && <span className="combo-option-hint">{option.hint}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
