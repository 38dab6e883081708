// Number formats shared by the report's tables.

export const fixed = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits));

// autocannon's latencies are whole milliseconds, mostly: no decimals it did not measure.
export const milliseconds = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
