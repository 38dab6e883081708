/** A CSV file's records, or why it cannot be read. RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export type CsvRecords = { records: string[][] } | { error: string };

/**
 * Splits CSV text into records of fields, as spreadsheets write it: comma-separated, CRLF or LF line ends, a UTF-8 byte
 * order mark at the start ignored. Fields are not trimmed here; a record of one empty field is a blank line.
 */
export function parseCsv(text: string): CsvRecords {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (index < input.length) {
    const char = input[index];
    if (quoted) {
      if (char === '"' && input[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === ",") endField();
    else if (char === "\n") endRecord();
    else if (char === "\r") {
      endRecord();
      if (input[index + 1] === "\n") index += 1;
    } else field += char;
    index += 1;
  }
  if (quoted) return { error: `A quoted field is never closed: check the quotes on row ${records.length + 1}.` };
  if (field !== "" || record.length > 0) endRecord();
  return { records };
}

/** CSV text for these records, quoting only the fields that need it. */
export function toCsv(records: string[][]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value);
  return records.map((record) => record.map(quote).join(",")).join("\r\n");
}
