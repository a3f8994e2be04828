/** The CLI's CSV: the shared, formula-neutralising writer (shared/csv.ts), also used by the audit export. */
export { csvField, csvRow, neutraliseFormula, toCsv, type CsvValue } from '@shared/csv';
