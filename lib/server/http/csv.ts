/**
 * CSV (RFC 4180): fields separated by commas, records by CRLF; a field with a
 * comma, quote, CR or LF (or leading/trailing spaces) is quoted and its quotes
 * doubled. A field a spreadsheet would run as a formula (starting with
 * = + - @, tab or CR) is prefixed with a single quote (OWASP "CSV
 * injection"): actor names and token names are user input.
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRecord(fields: readonly (string | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
