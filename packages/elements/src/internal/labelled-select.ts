/**
 * A labelled select as every element draws one: a `strefa-field` with the label tied to the select
 * by its id, the current value's option selected, and the chosen value handed over as the select's
 * string (the caller makes a number or a code of it). The data widgets' parameters, the portal's
 * unit and statement year, and the clerks' letter language all use it, so they look, read out and
 * behave alike.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** One option of a select; `lang` for an option in another language than the page's. */
export interface SelectOption {
  value: string;
  label: string;
  lang?: string;
}

/** Years as options, in the order given (the API's and the statement's: newest first). */
export function yearOptions(years: readonly number[]): SelectOption[] {
  return years.map((year) => ({ value: String(year), label: String(year) }));
}

export interface LabelledSelect {
  /** The select's id (unique within the element's shadow root), which its label points to. */
  id: string;
  label: string;
  options: readonly SelectOption[];
  /** The selected option's value ('' or an unknown one: the browser's first option). */
  value: string;
  onChange: (value: string) => void;
  /** The select's form name. */
  name?: string;
  /** Parts for the field and the select, where the element documents them for theming. */
  fieldPart?: string;
  selectPart?: string;
  /** Another class of the field, beside `strefa-field`. */
  fieldClass?: string;
  /** `data-field` on the select (what the clerks' tool's tests and scripts look for). */
  dataField?: string;
}

export function labelledSelect(field: LabelledSelect): TemplateResult {
  return html`<div class="strefa-field ${field.fieldClass ?? ''}" part=${ifDefined(field.fieldPart)}>
    <label for=${field.id}>${field.label}</label>
    <select
      id=${field.id}
      name=${ifDefined(field.name)}
      part=${ifDefined(field.selectPart)}
      class="strefa-select"
      data-field=${ifDefined(field.dataField)}
      @change=${(event: Event) => field.onChange((event.target as HTMLSelectElement).value)}
    >
      ${field.options.map(({ value, label, lang }) => {
        const selected = value === field.value;
        return html`<option value=${value} lang=${ifDefined(lang)} ?selected=${selected}>${label}</option>`;
      })}
    </select>
  </div>`;
}
