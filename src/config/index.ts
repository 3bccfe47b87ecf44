export { loadCalendarFile } from './calendar-file';
export { defaultRuleDir, type LoadCatalogueOptions, loadCatalogue, withCalendarFile } from './catalogue';
export {
  defaultSchemaDir,
  jsonSchemaFor,
  jsonSchemaText,
  SCHEMA_FILE_NAMES,
  writeJsonSchemas,
} from './json-schemas';
export { fillPlaceholders, type LoadSourcesOptions, loadSources } from './sources';
