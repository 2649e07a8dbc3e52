/**
 * A searchable picker on downshift's `useCombobox` (and `useMultipleSelection` for several values):
 * the WAI-ARIA combobox pattern — roles, keyboard, focus and screen-reader announcements — from a
 * well-kept library, with Baton's look. Type to filter by name (or by the hint: a team, an email),
 * arrows and Enter to choose. Values the options do not know are shown as they are, marked, so a
 * document edited elsewhere is never silently rewritten.
 */
import { useCombobox, useMultipleSelection } from 'downshift';
import { useMemo, useState } from 'react';
import type { PickerOption } from '../api/pickers.ts';

interface CommonProps {
  options: PickerOption[];
  /** Shown when nothing is chosen: “Choose an agent”. */
  placeholder: string;
  /** The accessible name: “Agent”, “Condition › 1: value”. */
  ariaLabel: string;
  disabled?: boolean;
  isLoading?: boolean;
  /** The input's id, so a form's own label points at it. */
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

/** An option for a stored value, known or not. */
function optionFor(value: string, byValue: Map<string, PickerOption>): PickerOption {
  return byValue.get(value) ?? { value, label: `${value} (unknown)` };
}

export function Combobox(props: SingleProps | MultiProps) {
  return props.multiple ? <MultiCombobox {...props} /> : <SingleCombobox {...props} />;
}

function Menu({
  open,
  shown,
  highlightedIndex,
  query,
  isLoading,
  getMenuProps,
  getItemProps,
}: {
  open: boolean;
  shown: PickerOption[];
  highlightedIndex: number;
  query: string;
  isLoading: boolean | undefined;
  getMenuProps: ReturnType<typeof useCombobox<PickerOption>>['getMenuProps'];
  getItemProps: ReturnType<typeof useCombobox<PickerOption>>['getItemProps'];
}) {
  return (
    <ul className={`combo-list${open ? '' : ' combo-list-closed'}`} {...getMenuProps()}>
      {open && shown.length === 0 && (
        <li className="combo-empty">
          {isLoading ? 'Loading…' : query ? `Nothing matches “${query}”` : 'Nothing to choose'}
        </li>
      )}
      {open &&
        shown.map((option, index) => (
          <li
            key={option.value}
            className={`combo-option${highlightedIndex === index ? ' combo-option-active' : ''}`}
            {...getItemProps({ item: option, index })}
          >
            <span className="combo-option-label">{option.label}</span>
            {option.hint && <span className="combo-option-hint">{option.hint}</span>}
          </li>
        ))}
    </ul>
  );
}

function SingleCombobox({
  options,
  placeholder,
  ariaLabel,
  disabled,
  isLoading,
  id,
  value,
  onChange,
}: SingleProps) {
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const selected = value ? optionFor(value, byValue) : null;
  const [query, setQuery] = useState('');
  const shown = useMemo(() => options.filter((o) => matches(o, query)).slice(0, MAX_SHOWN), [options, query]);
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex, openMenu } =
    useCombobox<PickerOption>({
      items: shown,
      itemToString: (item) => item?.label ?? '',
      itemToKey: (item) => item?.value,
      selectedItem: selected,
      inputValue: query,
      ...(id ? { inputId: id } : {}),
      onInputValueChange: ({ inputValue, type }) => {
        // Only typing filters; choosing or closing shows the chosen name again (placeholder).
        if (type === useCombobox.stateChangeTypes.InputChange) setQuery(inputValue);
      },
      onSelectedItemChange: ({ selectedItem }) => {
        setQuery('');
        onChange(selectedItem?.value);
      },
      onIsOpenChange: ({ isOpen: open }) => {
        if (!open) setQuery('');
      },
    });
  return (
    <div className={`combo${disabled ? ' combo-disabled' : ''}`}>
      {/* The combobox's accessible name (its aria-labelledby); the form's own label stays visible. */}
      <span className="visually-hidden" id={getLabelProps().id}>
        {ariaLabel}
      </span>
      <div className="combo-field">
        <input
          {...getInputProps({
            disabled,
            placeholder: isLoading ? 'Loading…' : (selected?.label ?? placeholder),
            onFocus: () => {
              if (!isOpen) openMenu();
            },
          })}
          className={selected && !isOpen ? 'combo-has-value' : undefined}
        />
        {selected && !disabled && (
          <button
            type="button"
            className="combo-clear"
            aria-label={`Clear ${ariaLabel}`}
            onClick={() => onChange(undefined)}
          >
            ×
          </button>
        )}
      </div>
      <Menu
        open={isOpen && !disabled}
        shown={shown}
        highlightedIndex={highlightedIndex}
        query={query}
        isLoading={isLoading}
        getMenuProps={getMenuProps}
        getItemProps={getItemProps}
      />
    </div>
  );
}

function MultiCombobox({
  options,
  placeholder,
  ariaLabel,
  disabled,
  isLoading,
  id,
  value,
  onChange,
}: MultiProps) {
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const chosen = useMemo(() => value.map((v) => optionFor(v, byValue)), [value, byValue]);
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () => options.filter((o) => !value.includes(o.value) && matches(o, query)).slice(0, MAX_SHOWN),
    [options, value, query],
  );
  const { getSelectedItemProps, getDropdownProps, removeSelectedItem } = useMultipleSelection<PickerOption>({
    selectedItems: chosen,
    itemToKey: (item) => item?.value,
    onSelectedItemsChange: ({ selectedItems }) => onChange(selectedItems.map((o) => o.value)),
  });
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex, openMenu } =
    useCombobox<PickerOption>({
      items: shown,
      itemToString: (item) => item?.label ?? '',
      itemToKey: (item) => item?.value,
      selectedItem: null,
      inputValue: query,
      ...(id ? { inputId: id } : {}),
      // Choosing keeps the list open (people pick several), with the query cleared.
      stateReducer: (state, { type, changes }) => {
        switch (type) {
          case useCombobox.stateChangeTypes.InputKeyDownEnter:
          case useCombobox.stateChangeTypes.ItemClick:
            return { ...changes, isOpen: true, highlightedIndex: state.highlightedIndex, inputValue: '' };
          default:
            return changes;
        }
      },
      onStateChange: ({ type, selectedItem, inputValue }) => {
        switch (type) {
          case useCombobox.stateChangeTypes.InputKeyDownEnter:
          case useCombobox.stateChangeTypes.ItemClick:
            if (selectedItem) {
              onChange([...value, selectedItem.value]);
              setQuery('');
            }
            break;
          case useCombobox.stateChangeTypes.InputChange:
            setQuery(inputValue ?? '');
            break;
          default:
            break;
        }
      },
    });
  return (
    <div className={`combo${disabled ? ' combo-disabled' : ''}`}>
      {/* The combobox's accessible name (its aria-labelledby); the form's own label stays visible. */}
      <span className="visually-hidden" id={getLabelProps().id}>
        {ariaLabel}
      </span>
      {chosen.length > 0 && (
        <ul className="combo-chips" aria-label={`${ariaLabel}: chosen`}>
          {chosen.map((option, index) => (
            <li
              key={option.value}
              className={`combo-chip${byValue.has(option.value) ? '' : ' combo-chip-unknown'}`}
              title={option.hint}
              {...getSelectedItemProps({ selectedItem: option, index })}
            >
              {option.label}
              {!disabled && (
                <button
                  type="button"
                  aria-label={`Remove ${option.label}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    removeSelectedItem(option);
                  }}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="combo-field">
        <input
          {...getInputProps(
            getDropdownProps({
              preventKeyAction: isOpen,
              disabled,
              placeholder: isLoading ? 'Loading…' : placeholder,
              onFocus: () => {
                if (!isOpen) openMenu();
              },
            }),
          )}
        />
      </div>
      <Menu
        open={isOpen && !disabled}
        shown={shown}
        highlightedIndex={highlightedIndex}
        query={query}
        isLoading={isLoading}
        getMenuProps={getMenuProps}
        getItemProps={getItemProps}
      />
    </div>
  );
}
