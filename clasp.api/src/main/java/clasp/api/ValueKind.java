package clasp.api;

/** The families of CLASP values. */
public enum ValueKind { NULL, BOOL, INT, FLOAT, STRING, BYTES, ARRAY, MAP }
