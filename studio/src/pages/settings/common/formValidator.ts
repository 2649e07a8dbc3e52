import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020.js';

/**
 * RJSF's validator for plugin settings forms, on Ajv's draft 2020-12 class like Baton's schemas.
 * The form checks as the admin types; the server's answer (RFC 9457, per field) is the final word.
 */
export const settingsValidator = customizeValidator({
  AjvClass: Ajv2020,
  ajvOptionsOverrides: { strict: false },
});
