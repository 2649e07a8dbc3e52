import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020.js';

/**
 * RJSF's validator on Ajv's draft 2020-12 class (Baton's schemas are 2020-12, with `$defs` and
 * discriminated `oneOf`s). The form uses it to pick `oneOf` options and fill defaults; whether the
 * data is valid is the server's word, shown live next to the form.
 */
export const formValidator = customizeValidator({
  AjvClass: Ajv2020,
  ajvOptionsOverrides: { discriminator: true, strict: false },
});
