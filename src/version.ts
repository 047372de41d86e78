// The version recorded in lab records and emitted scripts.
export const VERSION = "0.1.0";
